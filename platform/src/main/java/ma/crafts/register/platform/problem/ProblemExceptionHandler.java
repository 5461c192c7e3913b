package ma.crafts.register.platform.problem;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Renders every exception that escapes a controller as problem+json. It runs last among controller advice, so a
 * module's own, more specific advice still wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemExceptionHandler {
    private final ProblemMapper mapper;
    private final ProblemWriter writer;

    public ProblemExceptionHandler(ProblemMapper mapper, ProblemWriter writer) {
        this.mapper = mapper;
        this.writer = writer;
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handle(Exception exception, HttpServletRequest request) {
        return writer.toResponseEntity(request, mapper.map(exception));
    }
}
