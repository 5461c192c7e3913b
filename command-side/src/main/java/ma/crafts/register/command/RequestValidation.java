package ma.crafts.register.command;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;
import ma.crafts.register.errors.InvalidInputException;

/**
 * Bean validation of command request bodies, run by the controllers <em>after</em> the role check: a caller who may
 * not write gets its 403 whatever it sent, and learns nothing about what a valid request would look like.
 */
public class RequestValidation {
    private final Validator validator;

    public RequestValidation(Validator validator) {
        this.validator = validator;
    }

    /** Throws {@link ConstraintViolationException} (400 with one entry per field) unless {@code body} is valid. */
    public <T> T valid(T body) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON request body is required");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body;
    }
}
