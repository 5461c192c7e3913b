package ma.crafts.register.platform.idempotency;

import java.time.Instant;

/**
 * One {@code idempotency_keys} document: who claimed the key ({@code owner}, a random token per attempt), for which
 * request ({@code fingerprint}), and, once done, the response to replay.
 */
public record IdempotencyRecord(String id, String fingerprint, String owner, Instant startedAt, StoredResponse response) {
    public boolean isDone() {
        return response != null;
    }
}
