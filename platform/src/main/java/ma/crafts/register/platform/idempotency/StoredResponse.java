package ma.crafts.register.platform.idempotency;

/** The part of a finished response that a replay reproduces. {@code location} and {@code contentType} may be null. */
public record StoredResponse(int status, String location, String contentType, byte[] body) {
}
