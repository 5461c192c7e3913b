package ma.crafts.register.command.artisan.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Optional;
import java.util.function.Predicate;
import ma.crafts.register.command.artisan.CinReservations;
import ma.crafts.register.command.mongo.MongoErrors;
import ma.crafts.register.errors.DuplicateCinException;
import ma.crafts.register.eventstore.ScansAccepted;
import org.bson.Document;

/**
 * {@code cin_reservations}: {@code {_id: cinFingerprint, artisanId, reservedAt}}; the unique {@code _id} makes exactly
 * one of any number of concurrent registrations of a CIN win.
 *
 * <p>If the process dies between reserving and registering, the reservation would block the CIN for ever. So a
 * reservation older than {@code takeOverAfter} whose artisan has no event stream is taken over. The takeover deletes
 * the stale document by its exact content, so of two concurrent takeovers only one can succeed.
 */
public class MongoCinReservations implements CinReservations {
    static final String COLLECTION = "cin_reservations";

    private final MongoCollection<Document> reservations;
    private final Predicate<String> artisanHasStream;
    private final Duration takeOverAfter;
    private final Clock clock;

    /**
     * @param artisanHasStream true once the event store holds events for that artisan id
     * @param takeOverAfter    longer than any registration can take, so a live one is never taken over
     */
    public MongoCinReservations(MongoDatabase database, Predicate<String> artisanHasStream, Duration takeOverAfter,
                                Clock clock) {
        this.reservations = database.getCollection(COLLECTION);
        this.artisanHasStream = artisanHasStream;
        this.takeOverAfter = takeOverAfter;
        this.clock = clock;
    }

    @ScansAccepted(adr = "0001", why = "the conditional delete runs only when the CIN is already reserved and that "
            + "reservation looks abandoned; it reads the whole collection (one document per reserved CIN), so it "
            + "must stay that rare")
    @Override
    public boolean reserve(String cinFingerprint, String artisanId) {
        if (tryInsert(cinFingerprint, artisanId)) {
            return true;
        }
        Document existing = reservations.find(eq("_id", cinFingerprint)).first();
        if (existing == null) {
            // Released between our insert and our read: the CIN is free again, try once more.
            if (tryInsert(cinFingerprint, artisanId)) {
                return true;
            }
            throw new DuplicateCinException();
        }
        if (artisanId.equals(existing.getString("artisanId"))) {
            // The same registration again (a bulk import's row run again after a crash): the reservation is its own.
            return false;
        }
        if (!isAbandoned(existing)) {
            throw new DuplicateCinException();
        }
        long deleted = reservations.deleteOne(and(eq("_id", cinFingerprint), eq("artisanId", existing.getString("artisanId")),
                eq("reservedAt", existing.get("reservedAt")))).getDeletedCount();
        if (deleted == 1 && tryInsert(cinFingerprint, artisanId)) {
            return true;
        }
        throw new DuplicateCinException();
    }

    @Override
    public Optional<String> holderOf(String cinFingerprint) {
        Document reservation = reservations.find(eq("_id", cinFingerprint)).first();
        return reservation == null ? Optional.empty() : Optional.ofNullable(reservation.getString("artisanId"));
    }

    @ScansAccepted(adr = "0001", why = "runs only when a registration fails after reserving; _id plus artisanId "
            + "keeps another applicant's reservation, but it reads the whole collection (one document per reserved "
            + "CIN)")
    @Override
    public void release(String cinFingerprint, String artisanId) {
        reservations.deleteOne(and(eq("_id", cinFingerprint), eq("artisanId", artisanId)));
    }

    @ScansAccepted(adr = "0001", why = "runs once per erasure of personal data, an administrator's rare act, and "
            + "once at start-up for the erasures recorded in the events; one pass over the collection for all of them")
    @Override
    public void releaseAllOf(Collection<String> artisanIds) {
        if (!artisanIds.isEmpty()) {
            reservations.deleteMany(in("artisanId", artisanIds));
        }
    }

    private boolean isAbandoned(Document reservation) {
        Date reservedAt = reservation.getDate("reservedAt");
        boolean old = reservedAt == null || reservedAt.toInstant().plus(takeOverAfter).isBefore(clock.instant());
        return old && !artisanHasStream.test(reservation.getString("artisanId"));
    }

    private boolean tryInsert(String cinFingerprint, String artisanId) {
        try {
            reservations.insertOne(new Document("_id", cinFingerprint).append("artisanId", artisanId)
                    .append("reservedAt", Date.from(Instant.now(clock))));
            return true;
        } catch (MongoWriteException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }
}
