package ma.crafts.register.query.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.Objects;
import ma.crafts.register.query.artisan.mongo.ArtisanSearchPages;
import ma.crafts.register.query.artisan.mongo.ArtisanSearchWrites;
import ma.crafts.register.query.artisan.ArtisanSearchKeys.Placement;
import org.bson.Document;

/**
 * Search index over the artisan view that never scans (mongo-java-server only serves {@code _id} lookups from an index)
 * and whose write cost per event does not grow with the register (mongo-java-server rewrites a whole document on every
 * update, and parses every dotted field path with regular expressions, so documents stay bounded and fields top-level).
 *
 * <p><b>Members.</b> Artisans are kept in <em>windows</em> of 1024 global positions, fixed
 * by the position of their registration, so pages come out in registration order and an artisan never changes window. A
 * window document ({@code _id = "#" + windowNo}) has one field per member:
 * {@code "<position>|<region>|<province>|<branch>|<status>"}. Writing a member is a {@code $set} of its placement (or
 * an {@code $unset}), which a redelivered event simply repeats.
 *
 * <p><b>Counts.</b> Every search key has a territory (its province, else its region, else the whole country) and a
 * {@code branch|status} part. For each territory, count documents at three levels hold the number of members per
 * {@code branch|status}: level 1 per window, level 2 per 64 windows, level 3 per
 * 64 level-2 nodes ({@code _id = "<level>/<territory>/<node>"}). An artisan counts in
 * three territories, so a batch of registrations updates about three count documents per territory it touches, whatever
 * the register's size. Counts are changed with {@code $inc}, which is not idempotent; so each count document also
 * records, per writer (a processor segment), which events it has applied ({@code "@<writer>"}: a {@link WriterProgress},
 * the tracking token of the last one, merged with what it held before), and a batch adds only the changes of events
 * not covered. A position alone would not do: a commit that lands late (its position was a gap when higher ones were
 * read) is delivered after them, and would be taken for one already counted. A batch interrupted half-way and
 * delivered again therefore completes without counting anything twice or skipping a late commit. Writers share no marker, so segments working in
 * parallel never wait for one another.
 *
 * <p><b>Pages.</b> A page descends the counts of the key's territory (level 3, then 2, then 1) to the window holding
 * its first member, then reads that window and the following ones with one {@code $in} and keeps the members the key
 * matches. Totals are sums of level-3 counts. The highest window written ({@code "#max"} in the counts) bounds the
 * level-3 nodes.
 *
 * <p>The artisan view's index, and the eligible actors of each programme version
 * ({@code query.eligibility.mongo.EligibilityRepository}); hence here, shared. Its implementation stays with the
 * artisan view: {@code SearchIndexLayout} holds the layout, {@link ArtisanSearchWrites} the writes and
 * {@link ArtisanSearchPages} the reads.
 */
public class ArtisanSearchIndex {

    public static final String WINDOWS = "query_artisan_search_windows";
    public static final String COUNTS = "query_artisan_search_counts";

    private final MongoDatabase database;
    private final CollectionNames names;

    public ArtisanSearchIndex(MongoDatabase database) {
        this(database, CollectionNames.FIRST_GENERATION);
    }

    /** The index of the generation {@code names} designates, looked up on every call so that a switch takes effect. */
    public ArtisanSearchIndex(MongoDatabase database, CollectionNames names) {
        this.database = database;
        this.names = names;
    }

    private MongoCollection<Document> windows() {
        return database.getCollection(names.of(WINDOWS));
    }

    private MongoCollection<Document> counts() {
        return database.getCollection(names.of(COUNTS));
    }

    private ArtisanSearchWrites writes() {
        return new ArtisanSearchWrites(windows(), counts());
    }

    private ArtisanSearchPages pages() {
        return new ArtisanSearchPages(windows(), counts());
    }

    /**
     * One event's effect on an artisan's place in the index.
     *
     * @param registrationPosition global position of the artisan's registration: fixes its window
     * @param position             global position of the event
     * @param progress             what the writer has applied once this event is: the event's tracking token
     * @param from                 the placement before the event, or null when the artisan was not indexed
     * @param to                   the placement after the event, or null when the artisan leaves the index
     */
    public record Move(String artisanId, long registrationPosition, long position, WriterProgress progress,
                       Placement from, Placement to) {
        public Move {
            Objects.requireNonNull(artisanId, "artisanId");
            Objects.requireNonNull(progress, "progress");
            if (position < 0) {
                throw new IllegalArgumentException("An indexed event needs its global position: " + artisanId);
            }
        }

        /** A move of a writer whose events come in the order of their positions. */
        public Move(String artisanId, long registrationPosition, long position, Placement from, Placement to) {
            this(artisanId, registrationPosition, position, WriterProgress.inOrder(position), from, to);
        }
    }

    /**
     * Applies the moves of one batch, in delivery order. {@code writer} names who produced them (a processor segment):
     * no other writer may move the same artisans (the processor sequences an artisan's events on one segment).
     */
    public void apply(String writer, List<Move> moves) {
        writes().apply(writer, moves);
    }

    /** One page of artisan ids of a search key, in registration order, with the key's total. */
    public BucketPage page(String key, int page, int size) {
        return pages().page(key, page, size);
    }

    /** Number of artisans a search key matches, from the counts alone. */
    public long count(String key) {
        return pages().count(key);
    }

    public void clear() {
        windows().drop();
        counts().drop();
    }

    /** A page of artisan ids in registration order and the number of artisans the key matches. */
    public record BucketPage(List<String> artisanIds, long total) {
    }
}
