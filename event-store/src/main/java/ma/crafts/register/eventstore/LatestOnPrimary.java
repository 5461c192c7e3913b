package ma.crafts.register.eventstore;

import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoCollection;

/**
 * The one read setting for the question "may this have been stored?": the primary's latest data (read preference
 * {@code primary}, read concern {@code local}), whatever the client's defaults or {@code MONGODB_URI} say. A
 * {@code majority} read misses a commit the primary applied and no majority confirmed yet, which a failover may still
 * keep; a caller that releases what such a commit holds (a CIN, a NIA, a key) must count it as stored. What this view
 * returns can still be rolled back, so nothing that builds state on it (loading aggregates, tracking, stream tips) reads
 * through it (GUARANTEES.md, "Settings").
 */
final class LatestOnPrimary {
    private LatestOnPrimary() {
    }

    static <T> MongoCollection<T> view(MongoCollection<T> collection) {
        return collection.withReadPreference(ReadPreference.primary()).withReadConcern(ReadConcern.LOCAL);
    }
}
