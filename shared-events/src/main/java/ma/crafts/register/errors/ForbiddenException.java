package ma.crafts.register.errors;

/** The caller is authenticated but its role or region does not allow this (HTTP 403 forbidden). */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String detail) {
        super(detail);
    }
}
