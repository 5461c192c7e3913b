package ma.crafts.register.bench.cluster;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Every event in the store, read straight from {@code commits} (event-store/GUARANTEES.md, "Storage layout") rather
 * than through the register, so that the check sees what was written, not what a node makes of it. A full read of
 * the collection: this runs once, on the few thousand events of a test run.
 */
final class StoredEvents {

    record Event(long position, String aggregateId, long sequence, String type, Document payload) {
    }

    private final Map<String, List<Event>> byAggregate = new HashMap<>();
    private final List<Event> all = new ArrayList<>();
    private long head = -1;

    static StoredEvents read(MongoDatabase database) {
        List<Event> read = new ArrayList<>();
        for (Document commit : database.getCollection("commits").find()) {
            if (commit.containsKey("void")) {
                continue;
            }
            long first = ((Number) commit.get("_id")).longValue();
            List<Document> inCommit = commit.getList("events", Document.class);
            for (int i = 0; i < inCommit.size(); i++) {
                Document event = inCommit.get(i);
                String type = event.getString("payloadType");
                read.add(new Event(first + i, event.getString("aggregateId"), ((Number) event.get("seq")).longValue(),
                        type.substring(type.lastIndexOf('.') + 1), event.get("payload", Document.class)));
            }
        }
        return of(read);
    }

    static StoredEvents of(List<Event> read) {
        StoredEvents events = new StoredEvents();
        read.forEach(events::add);
        events.byAggregate.values().forEach(stream -> stream.sort(Comparator.comparingLong(Event::sequence)));
        return events;
    }

    private void add(Event event) {
        all.add(event);
        byAggregate.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>()).add(event);
        head = Math.max(head, event.position());
    }

    List<Event> of(String aggregateId) {
        return byAggregate.getOrDefault(aggregateId, List.of());
    }

    List<Event> ofType(String type) {
        return all.stream().filter(event -> event.type().equals(type)).toList();
    }

    long head() {
        return head;
    }
}
