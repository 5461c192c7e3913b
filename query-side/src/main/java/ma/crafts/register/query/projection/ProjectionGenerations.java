package ma.crafts.register.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ma.crafts.register.errors.RuleViolationException;
import org.bson.Document;

/**
 * Which generation of each projection serves reads, and which one a rebuild is writing: one pointer document per
 * projection in {@value #COLLECTION}, read by {@code _id} (no transactions: the pointer is the single document a switch
 * rewrites, so a switch is atomic). Readers resolve their collections through it on every repository call, so it is
 * cached; a switch made in this process updates the cache at once, other processes see it within {@link #CACHE_TTL},
 * which is why a retired generation is dropped only after a longer grace.
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

    private final MongoCollection<Document> pointers;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ProjectionGenerations(MongoDatabase database, Clock clock) {
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
    synchronized Pointer beginRebuild(String projection) {
        Pointer pointer = read(projection);
        if (pointer.rebuilding()) {
            throw new RuleViolationException("projection-rebuild-running", "Projection " + projection
                    + " is already being rebuilt into generation " + pointer.building());
        }
        int next = Math.max(pointer.live(), pointer.retired() == null ? 0 : pointer.retired()) + 1;
        return write(projection, new Pointer(pointer.live(), next, pointer.retired(), pointer.retiredAt()));
    }

    /** Makes the generation being built the live one; the former live generation is retired. */
    synchronized Pointer switchToBuilt(String projection) {
        Pointer pointer = read(projection);
        if (!pointer.rebuilding()) {
            return pointer;
        }
        return write(projection, new Pointer(pointer.building(), null, pointer.live(), clock.instant()));
    }

    /** Forgets the retired generation once its collections are dropped. */
    synchronized void forgetRetired(String projection) {
        Pointer pointer = read(projection);
        write(projection, new Pointer(pointer.live(), pointer.building(), null, null));
    }

    private Pointer write(String projection, Pointer pointer) {
        Document d = new Document("_id", projection).append("live", pointer.live());
        if (pointer.building() != null) {
            d.append("building", pointer.building());
        }
        if (pointer.retired() != null) {
            d.append("retired", pointer.retired()).append("retiredAt", Date.from(pointer.retiredAt()));
        }
        pointers.replaceOne(Filters.eq("_id", projection), d, new ReplaceOptions().upsert(true));
        cache.put(projection, new Cached(pointer, System.nanoTime()));
        return pointer;
    }
}
