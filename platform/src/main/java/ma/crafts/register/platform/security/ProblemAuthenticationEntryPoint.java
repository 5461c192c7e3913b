package ma.crafts.register.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ma.crafts.register.platform.problem.Problem;
import ma.crafts.register.platform.problem.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 as problem+json, with the {@code WWW-Authenticate} challenge RFC 6750 asks for. */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {
    private final ProblemWriter writer;

    public ProblemAuthenticationEntryPoint(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        Problem problem;
        if (exception instanceof InvalidBearerTokenException) {
            problem = Problem.unauthenticated("The bearer token is invalid or has expired")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        } else if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            problem = Problem.unauthenticated("This request needs an Authorization: Bearer <JWT> header");
        } else {
            problem = Problem.unauthenticated("The Authorization header does not carry a usable bearer token")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_request\"");
        }
        writer.write(request, response, problem);
    }
}
