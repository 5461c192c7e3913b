package ma.crafts.register.query;

import jakarta.servlet.http.HttpServletRequest;
import ma.crafts.register.platform.problem.Problem;
import ma.crafts.register.platform.problem.ProblemWriter;
import ma.crafts.register.query.readlog.PersonalDataReadNotLoggedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Renders the query side's own failures as problem+json: a projection still behind a requested position (503), a
 * caller over its rate limit (429), a read of personal data the read log could not record (503).
 */
@RestControllerAdvice(name = "queryProblemHandler", basePackageClasses = QueryProblemHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class QueryProblemHandler {

    static final String RETRY_AFTER_SECONDS = "1";

    private final ProblemWriter writer;

    public QueryProblemHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @ExceptionHandler(ProjectionLaggingException.class)
    public ResponseEntity<Object> lagging(ProjectionLaggingException e, HttpServletRequest request) {
        Problem problem = Problem.of(503, Problem.SERVICE_UNAVAILABLE, "Read model not yet up to date", e.getMessage())
                .withHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .withExtension("minPosition", e.minPosition());
        return writer.toResponseEntity(request, problem);
    }

    @ExceptionHandler(PersonalDataReadNotLoggedException.class)
    public ResponseEntity<Object> readNotLogged(PersonalDataReadNotLoggedException e, HttpServletRequest request) {
        Problem problem = Problem.of(503, Problem.SERVICE_UNAVAILABLE, "Read log unavailable", e.getMessage())
                .withHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return writer.toResponseEntity(request, problem);
    }

    @ExceptionHandler(CallerRateLimit.CallerRateLimitedException.class)
    public ResponseEntity<Object> rateLimited(CallerRateLimit.CallerRateLimitedException e,
                                              HttpServletRequest request) {
        Problem problem = Problem.of(429, Problem.TOO_MANY_REQUESTS, "Too many requests", e.getMessage())
                .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        return writer.toResponseEntity(request, problem);
    }
}
