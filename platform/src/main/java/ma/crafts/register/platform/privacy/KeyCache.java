package ma.crafts.register.platform.privacy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.SecretKey;

/**
 * Unwrapped per-actor keys, least recently used evicted first, each trusted for a limited time. The time limit bounds
 * how long a process keeps decrypting an actor whose key another process erased.
 */
final class KeyCache {
    private final int maxSize;
    private final long ttlNanos;
    private final Map<String, Entry> entries;
    private long erasures;

    private record Entry(SecretKey key, long expiresAtNanos) {
    }

    KeyCache(int maxSize, Duration ttl) {
        this.maxSize = maxSize;
        this.ttlNanos = ttl.toNanos();
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > KeyCache.this.maxSize;
            }
        };
    }

    synchronized SecretKey get(String actorId) {
        Entry entry = entries.get(actorId);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.expiresAtNanos() > 0) {
            entries.remove(actorId);
            return null;
        }
        return entry.key();
    }

    /** Taken before reading a key from the store; {@link #put} ignores the key if an erasure happened since. */
    synchronized long generation() {
        return erasures;
    }

    synchronized void put(String actorId, SecretKey key, long generation) {
        if (maxSize <= 0 || generation != erasures) {
            return;
        }
        entries.put(actorId, new Entry(key, System.nanoTime() + ttlNanos));
    }

    synchronized void evict(String actorId) {
        erasures++;
        entries.remove(actorId);
    }
}
