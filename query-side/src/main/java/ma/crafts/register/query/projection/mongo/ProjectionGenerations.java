package ma.crafts.register.query.projection.mongo;

import ma.crafts.register.query.mongo.CollectionNames;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.eventstore.ScansAccepted;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Which generation of each projection serves reads, and which one a rebuild is writing: one pointer document per
 * projection in {@value #COLLECTION}, looked up by {@code _id}. No transactions are needed: every change is one update
 * of that single document, conditional on the state it starts from, so a switch is atomic and two processes cannot
 * both start a rebuild or both switch. Readers resolve their collections through it on every repository call, so it
 * is cached; a change made in this process updates the cache at once, other processes see it within
 * {@link #CACHE_TTL}, which is why a retired generation is dropped only after a longer grace.
 */
public class ProjectionGenerations {

    public static final String COLLECTION = "query_projection_generations";
    static final Duration CACHE_TTL = Duration.ofSeconds(1);

    /**
     * @param live      the generation reads are served from
     * @param building  the generation a rebuild writes, null when none runs
     * @param retired   a generation replaced by a switch and not dropped yet, null when none
     * @param retiredAt when it was replaced
     */
    public record Pointer(int live, Integer building, Integer retired, Instant retiredAt) {
        static final Pointer INITIAL = new Pointer(0, null, null, null);

        public boolean rebuilding() {
            return building != null;
        }
    }

    private record Cached(Pointer pointer, long readAtNanos) {
    }

    private final MongoDatabase database;
    private final MongoCollection<Document> pointers;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ProjectionGenerations(MongoDatabase database, Clock clock) {
        this.database = database;
        this.pointers = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** The collections of whichever generation serves reads of {@code projection} at the time of each call. */
    public CollectionNames live(String projection) {
        return base -> CollectionNames.generation(current(projection).live()).of(base);
    }

    /** The pointer as cached, read again once older than {@link #CACHE_TTL}. */
    public Pointer current(String projection) {
        Cached cached = cache.get(projection);
        if (cached != null && System.nanoTime() - cached.readAtNanos() < CACHE_TTL.toNanos()) {
            return cached.pointer();
        }
        return read(projection);
    }

    /** The pointer as stored now; refreshes the cache. */
    public Pointer read(String projection) {
        Document d = pointers.find(Filters.eq("_id", projection)).first();
        Pointer pointer = d == null ? Pointer.INITIAL : new Pointer(d.getInteger("live", 0), d.getInteger("building"),
                d.getInteger("retired"), d.getDate("retiredAt") == null ? null : d.getDate("retiredAt").toInstant());
        cache.put(projection, new Cached(pointer, System.nanoTime()));
        return pointer;
    }

    /**
     * Designates the next generation as the one a rebuild writes.
     *
     * @throws RuleViolationException (409) when a rebuild of the projection already runs
     */
    public Pointer beginRebuild(String projection) {
        Pointer pointer = read(projection);
        if (!pointer.rebuilding() && claimNextGeneration(projection, pointer.live())) {
            return read(projection);
        }
        throw new RuleViolationException("projection-rebuild-running", "Projection " + projection
                + " is already being rebuilt into generation " + read(projection).building());
    }

    /** True when this call, and no concurrent one, designated the generation after {@code live} to be built. */
    @ScansAccepted(adr = "0001", why = "a compare-and-set on the pointer: _id plus the state it expects; the "
            + "collection holds one document per rebuildable projection (three), and rebuilds are rare admin acts")
    private boolean claimNextGeneration(String projection, int live) {
        Bson unchanged = Filters.and(Filters.eq("_id", projection), Filters.eq("live", live),
                Filters.exists("building", false));
        try {
            // Generations only grow (a retired one is older than the live one), so a name is never reused. Upserted
            // when the projection was never rebuilt: the filter's live = 0 seeds the new document.
            UpdateResult result = pointers.updateOne(unchanged, Updates.set("building", live + 1),
                    new UpdateOptions().upsert(true));
            return result.getModifiedCount() == 1 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    /** Makes the generation being built the live one; the former live generation is retired. */
    @ScansAccepted(adr = "0001", why = "a compare-and-set on the pointer: _id plus the state it expects; the "
            + "collection holds one document per rebuildable projection (three), and rebuilds are rare admin acts")
    public Pointer switchToBuilt(String projection, int building) {
        Pointer pointer = read(projection);
        pointers.updateOne(Filters.and(Filters.eq("_id", projection), Filters.eq("building", building)),
                Updates.combine(Updates.set("live", building), Updates.unset("building"),
                        Updates.set("retired", pointer.live()), Updates.set("retiredAt", Date.from(clock.instant()))));
        return read(projection);
    }

    /** Forgets the retired generation once its collections are dropped. */
    @ScansAccepted(adr = "0001", why = "a compare-and-set on the pointer: _id plus the state it expects; the "
            + "collection holds one document per rebuildable projection (three), and rebuilds are rare admin acts")
    public void forgetRetired(String projection, int retired) {
        pointers.updateOne(Filters.and(Filters.eq("_id", projection), Filters.eq("retired", retired)),
                Updates.combine(Updates.unset("retired"), Updates.unset("retiredAt")));
        read(projection);
    }

    /** Drops the collections of one generation, named by {@code names}; dropping a missing collection does nothing. */
    public void drop(Iterable<String> collections, CollectionNames names) {
        collections.forEach(base -> database.getCollection(names.of(base)).drop());
    }
}
