package ma.crafts.register.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A store of three streams whose commits interleave (alpha 0-1, beta 0, alpha 2-4, gamma 0-1, beta 1-2, alpha 5,
 * gamma 2: twelve events in seven commits), for tests that edit its documents by hand, as a forger with database access
 * would. Public for the checkpoint package's tests.
 */
public final class InterleavedStore implements AutoCloseable {
    private final StoreFixture fixture = new StoreFixture();

    public MongoEventStorageEngine engineWithStreams() {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));
        engine.appendEvents(TestEvents.commit("alpha", 0, 2));
        engine.appendEvents(TestEvents.commit("beta", 0, 1));
        engine.appendEvents(TestEvents.commit("alpha", 2, 3));
        engine.appendEvents(TestEvents.commit("gamma", 0, 2));
        engine.appendEvents(TestEvents.commit("beta", 1, 2));
        engine.appendEvents(TestEvents.commit("alpha", 5, 1));
        engine.appendEvents(TestEvents.commit("gamma", 2, 1));
        return engine;
    }

    /** Commits after the ones above: a new stream and one more event of alpha. */
    public void appendMore(MongoEventStorageEngine engine) {
        engine.appendEvents(TestEvents.commit("delta", 0, 2));
        engine.appendEvents(TestEvents.commit("alpha", 6, 1));
    }

    /** The commits collection, through a client of its own. */
    public MongoCollection<Document> commits() {
        return fixture.newProcessDatabase().getCollection("commits");
    }

    /** The store's database, through a client of its own. */
    public MongoDatabase database() {
        return fixture.newProcessDatabase();
    }

    public MongoCollection<Document> counters() {
        return fixture.newProcessDatabase().getCollection("counters");
    }

    /** Inserts, at {@code position}, a one-event stream whose chain is computed as the engine would compute it. */
    public void forgeSingleEventStream(long position, String aggregateId) {
        Document event = new Document("aggregateType", "Thing").append("aggregateId", aggregateId).append("seq", 0L)
                .append("eventId", aggregateId + "-0").append("timestamp", new Date())
                .append("payloadType", TestEvents.ThingHappened.class.getName()).append("payloadRevision", null)
                .append("payload", new Document("thingId", aggregateId).append("number", 0).append("note", "forged"))
                .append("metaData", new Document("recordedBy", "forger"));
        String hash = new HashChain().hash(HashChain.GENESIS, List.of(event));
        commits().insertOne(new Document("_id", position).append("last", position).append("committedAt", new Date())
                .append("streamKeys", aggregateId + "#0").append("prevHash", HashChain.GENESIS).append("hash", hash)
                .append("events", List.of(event)));
    }

    @Override
    public void close() {
        fixture.close();
    }
}
