package ma.crafts.register.platform.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Replaces Spring Boot's error page so that failures outside controllers (in filters, in the container, or a
 * {@code sendError}) are problem+json too.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {
    private final ErrorAttributes errorAttributes;
    private final ProblemMapper mapper;
    private final ProblemWriter writer;

    public ProblemErrorController(ErrorAttributes errorAttributes, ProblemMapper mapper, ProblemWriter writer) {
        this.errorAttributes = errorAttributes;
        this.mapper = mapper;
        this.writer = writer;
    }

    @RequestMapping
    public ResponseEntity<Object> error(HttpServletRequest request) {
        Throwable error = errorAttributes.getError(new ServletWebRequest(request));
        if (error == null && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t) {
            error = t;
        }
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer code ? code : 500;
        Problem problem;
        if (error != null) {
            problem = mapper.map(error);
        } else if (statusAttribute == null) {
            // Someone asked for the error path directly; there is no error to describe.
            problem = Problem.notFound("No resource at this path");
        } else {
            HttpStatus known = HttpStatus.resolve(status);
            problem = ProblemMapper.forStatus(status, known == null ? "Request failed" : known.getReasonPhrase());
        }
        return writer.toResponseEntity(request, problem);
    }
}
