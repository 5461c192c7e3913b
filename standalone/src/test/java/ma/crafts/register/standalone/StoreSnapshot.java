package ma.crafts.register.standalone;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;

/**
 * What the register holds, in a form two moments can be compared by: the number of events in the store, and for every
 * other collection its document count and a hash of its documents in {@code _id} order. A rejected request must leave
 * it unchanged.
 */
record StoreSnapshot(long events, TreeMap<String, String> collections) {

    /** Kept on a timer, not by requests: the event processors renew their token claims while idle. */
    private static final Set<String> TIMER_DRIVEN = Set.of("tracking_tokens");

    static StoreSnapshot of(MongoDatabase database) {
        TreeMap<String, String> collections = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            if (!TIMER_DRIVEN.contains(name) && !name.equals("commits")) {
                collections.put(name, digest(database, name));
            }
        }
        return new StoreSnapshot(events(database), collections);
    }

    /**
     * A snapshot once the asynchronous projections have caught up with what earlier tests stored: two snapshots a
     * moment apart agree.
     */
    static StoreSnapshot settled(MongoDatabase database) throws InterruptedException {
        StoreSnapshot previous = of(database);
        for (int attempt = 0; attempt < 40; attempt++) {
            Thread.sleep(250);
            StoreSnapshot now = of(database);
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        throw new IllegalStateException("The store kept changing for 10 s: " + previous);
    }

    /** Events in the store: the events of every commit that was not voided. */
    static long events(MongoDatabase database) {
        long events = 0;
        for (Document commit : database.getCollection("commits").find(Filters.exists("void", false))) {
            events += commit.getList("events", Document.class).size();
        }
        return events;
    }

    private static String digest(MongoDatabase database, String collection) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long count = 0;
            for (Document document : database.getCollection(collection).find().sort(Sorts.ascending("_id"))) {
                sha.update(document.toJson().getBytes(StandardCharsets.UTF_8));
                count++;
            }
            return count + " documents, sha-256 " + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
