package ma.crafts.register.query.cooperative;

import ma.crafts.register.query.ActorRegistration;

/** A cooperative as its read model keeps it: its registration, stamped with its stream's version and position. */
public record CooperativeRecord(ActorRegistration registration, long version, long position) {
}
