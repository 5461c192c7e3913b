package ma.crafts.register.query;

import java.util.Optional;
import java.util.function.Function;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.ReadAccess.Disclosure;
import ma.crafts.register.query.readlog.PersonalDataReadLog;

/**
 * How a cooperative or an enterprise is read, the same way as an artisan: a reading role first, then the wait for
 * {@code ?minPosition}, then the record, its region's check, and its representative opened for this caller.
 */
public class ActorReads {

    private final PersonalDataVault vault;
    private final ReadAccess access;
    private final ProjectionFreshness freshness;
    private final PersonalDataReadLog readLog;

    public ActorReads(PersonalDataVault vault, ReadAccess access, ProjectionFreshness freshness,
                      PersonalDataReadLog readLog) {
        this.vault = vault;
        this.access = access;
        this.freshness = freshness;
        this.readLog = readLog;
    }

    /** A record as this caller may see it. */
    public record Read<R>(R record, ActorRegistration registration, PersonalDetails representative,
                          boolean masked) {
    }

    /**
     * @param kind         what the actor is called in a 404, e.g. "cooperative"
     * @param find         the record by id, from the projection
     * @param registration the record's registration
     */
    public <R> Read<R> read(String kind, String actorId, Long minPosition, Function<String, Optional<R>> find,
                            Function<R, ActorRegistration> registration) {
        access.requireArtisanReader();
        freshness.await(QueryProcessors.ARTISAN_PROJECTIONS, minPosition);
        R record = find.apply(actorId).orElseThrow(() -> new NotFoundException(
                "No " + kind + " is registered under " + actorId));
        ActorRegistration r = registration.apply(record);
        Disclosure disclosure = access.requireArtisanRead(r.regionCode());
        PersonalDetails representative = PersonalDetails.open(vault, r.representative(), disclosure);
        boolean masked = disclosure == Disclosure.MASKED;
        if (!masked && representative != null) {
            readLog.record(actorId, representative.fieldNames());
        }
        return new Read<>(record, r, representative, masked);
    }
}
