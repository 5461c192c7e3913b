package ma.crafts.register.platform.idempotency;

import java.time.Instant;

/**
 * One live {@code idempotency_keys} document: for which request ({@code fingerprint}) the key was claimed, when, until
 * when it holds, and, once done, the response to replay.
 */
public record IdempotencyRecord(String fingerprint, Instant startedAt, Instant expiresAt, StoredResponse response) {
    public boolean isDone() {
        return response != null;
    }
}
