package ma.crafts.register.errors;

/** The addressed artisan, card, body or other resource does not exist (HTTP 404). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String detail) {
        super(detail);
    }
}
