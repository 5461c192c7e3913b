package ma.crafts.register.errors;

/** The CIN is already registered, possibly by a concurrent request (HTTP 409 duplicate-cin). */
public class DuplicateCinException extends RuntimeException {
    public DuplicateCinException() {
        super("This CIN is already registered");
    }
}
