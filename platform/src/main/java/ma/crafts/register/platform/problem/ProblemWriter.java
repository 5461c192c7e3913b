package ma.crafts.register.platform.problem;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Renders a {@link Problem} as {@code application/problem+json}, from a filter or from a handler. */
public class ProblemWriter {
    /** The request attribute naming the type of the problem answered, for filters that judge the outcome. */
    public static final String PROBLEM_TYPE_ATTRIBUTE = ProblemWriter.class.getName() + ".type";

    private final ObjectMapper objectMapper;

    public ProblemWriter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** Writes the problem unless the response is already on its way to the client. */
    public void write(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        request.setAttribute(PROBLEM_TYPE_ATTRIBUTE, problem.type());
        response.setStatus(problem.status());
        problem.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        byte[] body = objectMapper.writeValueAsBytes(problem.body(instance(request)));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** The same rendering as a handler return value; the preset content type bypasses content negotiation. */
    public ResponseEntity<Object> toResponseEntity(HttpServletRequest request, Problem problem) {
        request.setAttribute(PROBLEM_TYPE_ATTRIBUTE, problem.type());
        return ResponseEntity.status(problem.status())
                .headers(problem.headers())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem.body(instance(request)));
    }

    /** The path the client asked for, also when rendering from the error dispatch. */
    public static String instance(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return original instanceof String uri ? uri : request.getRequestURI();
    }
}
