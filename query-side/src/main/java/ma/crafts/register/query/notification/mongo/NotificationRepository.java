package ma.crafts.register.query.notification.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import ma.crafts.register.eventstore.ScansAccepted;
import ma.crafts.register.query.notification.ChamberNotification;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.query.mongo.CollectionNames;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The chambers' notices, one document each, keyed by notification id. A notice follows a rare event (a supervising
 * artisan struck off), so the collection stays small enough to page through without an index of its own.
 */
public class NotificationRepository {

    public static final String NOTIFICATIONS = "query_chamber_notifications";

    private final MongoDatabase database;
    private final CollectionNames names;

    public NotificationRepository(MongoDatabase database) {
        this(database, CollectionNames.FIRST_GENERATION);
    }

    /** The notices of the generation {@code names} designates, looked up on every call so that a switch takes effect. */
    public NotificationRepository(MongoDatabase database, CollectionNames names) {
        this.database = database;
        this.names = names;
    }

    private MongoCollection<Document> notifications() {
        return database.getCollection(names.of(NOTIFICATIONS));
    }

    /** Inserts the notice, or rewrites it unchanged when the processor delivers it again. */
    public void save(ChamberNotification notification) {
        notifications().replaceOne(Filters.eq("_id", notification.notificationId()), document(notification),
                new ReplaceOptions().upsert(true));
    }

    /** One page of the notices of {@code regionCode} (of every region when null), newest first. */
    @ScansAccepted(adr = "0001", why = "notices are rare (an enterprise left without its supervising artisan), so "
            + "filtering on regionCode and sorting on position over the whole collection stays small; see "
            + "query-side/READ-MODELS.md")
    public Page page(String regionCode, int page, int size) {
        Bson filter = regionCode == null ? new Document() : Filters.eq("regionCode", regionCode);
        long total = notifications().countDocuments(filter);
        List<ChamberNotification> items = new ArrayList<>(size);
        for (Document d : notifications().find(filter).sort(Sorts.descending("position", "_id"))
                .skip(page * size).limit(size)) {
            items.add(notification(d));
        }
        return new Page(items, total);
    }

    public void clear() {
        notifications().drop();
    }

    /** The items of one page and how many notices match in all. */
    public record Page(List<ChamberNotification> items, long total) {
    }

    private static Document document(ChamberNotification n) {
        return new Document("_id", n.notificationId())
                .append("regionCode", n.regionCode())
                .append("enterpriseId", n.enterpriseId())
                .append("topic", n.topic())
                .append("message", new Document("ar", n.message().ar()).append("fr", n.message().fr()))
                .append("issuedAt", n.issuedAt().toString())
                .append("position", n.position());
    }

    private static ChamberNotification notification(Document d) {
        Document message = d.get("message", Document.class);
        return new ChamberNotification(d.getString("_id"), d.getString("regionCode"), d.getString("enterpriseId"),
                d.getString("topic"), new LocalizedText(message.getString("ar"), message.getString("fr")),
                Instant.parse(d.getString("issuedAt")), ((Number) d.get("position")).longValue());
    }
}
