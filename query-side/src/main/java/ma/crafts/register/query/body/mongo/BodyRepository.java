package ma.crafts.register.query.body.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import ma.crafts.register.query.body.BodyMember;
import ma.crafts.register.query.body.BodyRecord;
import ma.crafts.register.query.mongo.ActorRegistrationCodec;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.LocalizedText;
import org.bson.Document;

/**
 * The bodies' read model, addressed by {@code _id} only (docs/adr/0001), every write idempotent and independent of the
 * order in which a body's own events and its members' events arrive (they live in different streams):
 * <ul>
 *   <li>{@value #BODIES}: one document per body, its fields {@code $set} with upsert, its children an
 *       {@code $addToSet}, and {@code buckets}: the number of current members in each member bucket;</li>
 *   <li>{@value #KEYS}: {@code "<branch>|<territory>"} to the body id, for the listing by branch and territory (one
 *       body per branch and territory, Law 50.17 art. 11);</li>
 *   <li>{@value #MEMBERS}: the members in buckets, {@code _id = "<bodyId>#<n>"}, bucket {@code n} holding the members
 *       who joined at global positions {@code n * }{@value #BUCKET} up to the next bucket: at most {@value #BUCKET}
 *       members, in join order, whatever the body's size. One field per member, {@code "<position>|<since>"};</li>
 *   <li>{@value #MEMBER_INDEX}: {@code "<bodyId>|<artisanId>"} to the member's bucket, which a departure (an event
 *       that does not carry the join's position) needs.</li>
 * </ul>
 * A bucket's count is recounted from the bucket after each change and {@code $set}, never incremented, so an event
 * delivered again converges. The recount is not atomic with the change: it relies on one writer per body's members,
 * which the processor's single segment (the default) gives.
 */
public class BodyRepository {

    public static final String BODIES = "query_bodies";
    public static final String KEYS = "query_body_keys";
    public static final String MEMBERS = "query_body_members";
    public static final String MEMBER_INDEX = "query_body_member_index";
    static final long BUCKET = 1024;
    private static final String MEMBER_FIELD = "a";
    private static final String BUCKETS = "buckets";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> bodies;
    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> members;
    private final MongoCollection<Document> memberIndex;

    public BodyRepository(MongoDatabase database) {
        this.bodies = database.getCollection(BODIES);
        this.keys = database.getCollection(KEYS);
        this.members = database.getCollection(MEMBERS);
        this.memberIndex = database.getCollection(MEMBER_INDEX);
    }

    public void constituted(String bodyId, BodyLevel level, String branchCode, String territoryCode, String regionCode,
                            LocalizedText name, long version, long position) {
        keys.replaceOne(Filters.eq("_id", key(branchCode, territoryCode)), new Document("_id",
                key(branchCode, territoryCode)).append("bodyId", bodyId), new ReplaceOptions().upsert(true));
        bodies.updateOne(Filters.eq("_id", bodyId), Updates.combine(
                Updates.set("level", level.name()), Updates.set("branchCode", branchCode),
                Updates.set("territoryCode", territoryCode), Updates.set("regionCode", regionCode),
                Updates.set("name", ActorRegistrationCodec.localized(name)),
                Updates.max("version", version), Updates.max("position", position)), UPSERT);
    }

    public void affiliated(String bodyId, String parentBodyId, long version, long position) {
        bodies.updateOne(Filters.eq("_id", bodyId), Updates.combine(Updates.set("parentBodyId", parentBodyId),
                Updates.max("version", version), Updates.max("position", position)), UPSERT);
        bodies.updateOne(Filters.eq("_id", parentBodyId), Updates.addToSet("childBodyIds", bodyId), UPSERT);
    }

    /** Adds a member, in the bucket of {@code position} unless a delivery before this one already placed it. */
    public void joined(String bodyId, String artisanId, LocalDate since, long position) {
        String indexId = bodyId + "|" + artisanId;
        Document placed = memberIndex.find(Filters.eq("_id", indexId)).first();
        long bucket = placed != null ? ActorRegistrationCodec.longValue(placed.get("bucket"))
                : Math.max(0, position) / BUCKET;
        memberIndex.replaceOne(Filters.eq("_id", indexId), new Document("_id", indexId).append("bucket", bucket),
                new ReplaceOptions().upsert(true));
        members.updateOne(Filters.eq("_id", bucketId(bodyId, bucket)),
                Updates.set(memberField(artisanId), String.format("%019d|%s", Math.max(0, position), since)), UPSERT);
        recount(bodyId, bucket, position);
    }

    /** Removes a member; one not (or no longer) placed is left alone. */
    public void left(String bodyId, String artisanId, long position) {
        String indexId = bodyId + "|" + artisanId;
        Document placed = memberIndex.find(Filters.eq("_id", indexId)).first();
        if (placed == null) {
            return;
        }
        long bucket = ActorRegistrationCodec.longValue(placed.get("bucket"));
        members.updateOne(Filters.eq("_id", bucketId(bodyId, bucket)), Updates.unset(memberField(artisanId)));
        recount(bodyId, bucket, position);
        memberIndex.deleteOne(Filters.eq("_id", indexId));
    }

    private void recount(String bodyId, long bucket, long position) {
        Document members = this.members.find(Filters.eq("_id", bucketId(bodyId, bucket))).first();
        int count = members == null ? 0 : members.size() - 1;
        bodies.updateOne(Filters.eq("_id", bodyId), Updates.combine(Updates.set(BUCKETS + "." + bucket, count),
                Updates.max("position", position)), UPSERT);
    }

    public Optional<BodyRecord> find(String bodyId) {
        return Optional.ofNullable(bodies.find(Filters.eq("_id", bodyId)).first())
                .filter(d -> d.getString("level") != null)
                .map(BodyRepository::record);
    }

    /** The body of a branch and territory, once constituted. */
    public Optional<BodyRecord> findByBranchAndTerritory(String branchCode, String territoryCode) {
        return Optional.ofNullable(keys.find(Filters.eq("_id", key(branchCode, territoryCode))).first())
                .flatMap(k -> find(k.getString("bodyId")));
    }

    /** The current members from {@code offset} on, at most {@code limit}, in join order. */
    public List<BodyMember> members(String bodyId, long offset, int limit) {
        Document body = bodies.find(Filters.eq("_id", bodyId)).first();
        if (body == null || limit <= 0) {
            return List.of();
        }
        long skip = offset;
        List<String> needed = new ArrayList<>();
        long collected = 0;
        for (Map.Entry<Long, Long> bucket : bucketCounts(body).entrySet()) {
            long count = bucket.getValue();
            if (needed.isEmpty() && skip >= count) {
                skip -= count;
                continue;
            }
            if (count > 0) {
                needed.add(bucketId(bodyId, bucket.getKey()));
                collected += count;
            }
            if (collected - skip >= limit) {
                break;
            }
        }
        if (needed.isEmpty()) {
            return List.of();
        }
        Map<String, Document> byId = new TreeMap<>();
        members.find(Filters.in("_id", needed)).forEach(d -> byId.put(d.getString("_id"), d));
        List<BodyMember> page = new ArrayList<>(limit);
        for (String id : needed) {
            Document bucket = byId.get(id);
            if (bucket == null) {
                continue;
            }
            List<Map.Entry<String, Object>> inOrder = new ArrayList<>(bucket.entrySet());
            inOrder.removeIf(e -> !e.getKey().startsWith(MEMBER_FIELD));
            inOrder.sort(Comparator.comparing(e -> (String) e.getValue()));
            for (Map.Entry<String, Object> member : inOrder) {
                if (skip > 0) {
                    skip--;
                } else if (page.size() < limit) {
                    String value = (String) member.getValue();
                    page.add(new BodyMember(unescape(member.getKey().substring(MEMBER_FIELD.length())),
                            LocalDate.parse(value.substring(value.indexOf('|') + 1))));
                }
            }
        }
        return page;
    }

    public void clear() {
        bodies.drop();
        keys.drop();
        members.drop();
        memberIndex.drop();
    }

    private static BodyRecord record(Document d) {
        long memberCount = bucketCounts(d).values().stream().mapToLong(Long::longValue).sum();
        return new BodyRecord(d.getString("_id"), BodyLevel.valueOf(d.getString("level")), d.getString("branchCode"),
                d.getString("territoryCode"), d.getString("regionCode"),
                ActorRegistrationCodec.localized(d.get("name", Document.class)), d.getString("parentBodyId"),
                d.getList("childBodyIds", String.class, List.of()), memberCount,
                ActorRegistrationCodec.longValue(d.get("version")), ActorRegistrationCodec.longValue(d.get("position")));
    }

    /** Bucket number to member count, in bucket (so join) order. */
    private static TreeMap<Long, Long> bucketCounts(Document body) {
        TreeMap<Long, Long> counts = new TreeMap<>();
        Document buckets = body.get(BUCKETS, Document.class);
        if (buckets != null) {
            buckets.forEach((bucket, count) -> counts.put(Long.parseLong(bucket), ActorRegistrationCodec.longValue(count)));
        }
        return counts;
    }

    private static String key(String branchCode, String territoryCode) {
        return branchCode + "|" + territoryCode;
    }

    private static String bucketId(String bodyId, long bucket) {
        return bodyId + "#" + bucket;
    }

    /** Artisan ids become field names: escape what a field name cannot hold ('.' separates path parts). */
    private static String memberField(String artisanId) {
        return MEMBER_FIELD + artisanId.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    private static String unescape(String field) {
        return field.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }
}
