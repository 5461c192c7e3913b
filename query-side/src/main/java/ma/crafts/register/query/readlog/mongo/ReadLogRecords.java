package ma.crafts.register.query.readlog.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import ma.crafts.register.eventstore.ScansAccepted;
import ma.crafts.register.query.readlog.PersonalDataRead;
import ma.crafts.register.query.readlog.ReadLogChain;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The read log in {@code personal_data_reads}, one document per read, its {@code _id} the record's sequence. The
 * unique {@code _id} is what keeps the sequence free of duplicates between processes sharing the database: a second
 * insert of the same sequence fails, and its writer moves on to the next one. (A counter document with
 * {@code findOneAndUpdate} is not safe on the embedded server, which can hand the same value to two callers.)
 */
public class ReadLogRecords {

    public static final String COLLECTION = "personal_data_reads";
    private static final String READ_AT = "readAt";
    private static final String SUBJECT = "subject";
    private static final String ROLES = "roles";
    private static final String ACTOR_ID = "actorId";
    private static final String FIELDS = "fields";
    private static final String TRACE_ID = "traceId";
    private static final String REQUEST = "request";
    private static final String PREVIOUS_HASH = "previousHash";
    private static final String HASH = "hash";

    /** The last record of the chain: the previous hash of the next one. */
    public record Head(long sequence, String hash) {
        public static final Head EMPTY = new Head(0, ReadLogChain.GENESIS);
    }

    /** One page of records and how many matched. */
    public record Page(List<PersonalDataRead> items, long total) {
    }

    private final MongoCollection<Document> reads;

    public ReadLogRecords(MongoDatabase database) {
        this.reads = database.getCollection(COLLECTION);
    }

    /**
     * Inserts {@code read} at its sequence.
     *
     * @return false when that sequence is taken already (another writer got there first)
     */
    public boolean insert(PersonalDataRead read) {
        try {
            reads.insertOne(toDocument(read));
            return true;
        } catch (MongoWriteException e) {
            // Only a taken sequence is a lost race; any other duplicate would have the writer retry forever.
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY && hashAt(read.sequence()) != null) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The last record, found by {@code _id} alone: doubling probes to pass the end, a binary search back to it, then
     * forward over anything appended meanwhile. Sequences have no gaps, except where records were deleted, which
     * verification reports.
     */
    public Head head() {
        if (hashAt(1) == null) {
            return Head.EMPTY;
        }
        long present = 1;
        long absent = 2;
        while (hashAt(absent) != null) {
            present = absent;
            absent *= 2;
        }
        while (absent - present > 1) {
            long middle = present + (absent - present) / 2;
            if (hashAt(middle) != null) {
                present = middle;
            } else {
                absent = middle;
            }
        }
        return headFrom(present);
    }

    /** The last record from {@code taken} on, walking forward by {@code _id}: after losing an insert race. */
    public Head headFrom(long taken) {
        Head head = new Head(taken, hashAt(taken));
        String next;
        while ((next = hashAt(head.sequence() + 1)) != null) {
            head = new Head(head.sequence() + 1, next);
        }
        return head;
    }

    private String hashAt(long sequence) {
        Document found = reads.find(Filters.eq("_id", sequence)).projection(Projections.include(HASH)).first();
        return found == null ? null : found.getString(HASH);
    }

    @ScansAccepted(adr = "0001", why = "auditors' searches of the read log are occasional and interactive, paged; "
            + "the log grows with reads of personal data, which only auditors and clerks of a region make")
    public Page page(String actorId, String subject, Instant from, Instant to, int page, int size) {
        List<Bson> conditions = new ArrayList<>();
        if (actorId != null) {
            conditions.add(Filters.eq(ACTOR_ID, actorId));
        }
        if (subject != null) {
            conditions.add(Filters.eq(SUBJECT, subject));
        }
        if (from != null) {
            conditions.add(Filters.gte(READ_AT, Date.from(from)));
        }
        if (to != null) {
            conditions.add(Filters.lt(READ_AT, Date.from(to)));
        }
        Bson filter = conditions.isEmpty() ? new Document() : Filters.and(conditions);
        List<PersonalDataRead> items = new ArrayList<>(size);
        for (Document d : reads.find(filter).sort(Sorts.descending("_id")).skip(page * size).limit(size)) {
            items.add(fromDocument(d));
        }
        return new Page(items, reads.countDocuments(filter));
    }

    /** Every record in sequence order, for verification. */
    @ScansAccepted(adr = "0001", why = "verification reads the whole log on an auditor's request, once, in order")
    public void forEach(Consumer<PersonalDataRead> visitor) {
        for (Document d : reads.find(new Document()).sort(Sorts.ascending("_id"))) {
            visitor.accept(fromDocument(d));
        }
    }

    private static Document toDocument(PersonalDataRead read) {
        return new Document("_id", read.sequence())
                .append(READ_AT, Date.from(read.readAt()))
                .append(SUBJECT, read.subject())
                .append(ROLES, read.roles())
                .append(ACTOR_ID, read.actorId())
                .append(FIELDS, read.fields())
                .append(TRACE_ID, read.traceId())
                .append(REQUEST, read.request())
                .append(PREVIOUS_HASH, read.previousHash())
                .append(HASH, read.hash());
    }

    private static PersonalDataRead fromDocument(Document d) {
        return new PersonalDataRead(((Number) d.get("_id")).longValue(), d.getDate(READ_AT).toInstant(),
                d.getString(SUBJECT), d.getList(ROLES, String.class), d.getString(ACTOR_ID),
                d.getList(FIELDS, String.class), d.getString(TRACE_ID), d.getString(REQUEST),
                d.getString(PREVIOUS_HASH), d.getString(HASH));
    }
}
