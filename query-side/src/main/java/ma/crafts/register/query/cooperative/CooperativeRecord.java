package ma.crafts.register.query.cooperative;

import ma.crafts.register.query.ActorRegistration;
import ma.crafts.register.values.ArtisanStatus;

/** A cooperative as its read model keeps it: its registration and status, stamped with its stream's version and position. */
public record CooperativeRecord(ActorRegistration registration, ArtisanStatus status, long version, long position) {

    CooperativeRecord withRegistration(ActorRegistration amended, long newVersion, long newPosition) {
        return new CooperativeRecord(amended, status, newVersion, newPosition);
    }

    CooperativeRecord withStatus(ArtisanStatus newStatus, long newVersion, long newPosition) {
        return new CooperativeRecord(registration, newStatus, newVersion, newPosition);
    }
}
