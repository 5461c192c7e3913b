package ma.crafts.register.command.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.SealedPersonalData;

/** Shared reference data and a fixed clock for aggregate and rule tests. */
public final class TestReference {
    public static final Geography GEOGRAPHY = Geography.load();
    public static final Nomenclature NOMENCLATURE = Nomenclature.load(null);
    /** 2026-03-10 10:00 in Morocco. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T09:00:00Z"), RegisterPolicy.MOROCCO);
    public static final RegisterPolicy POLICY = RegisterPolicy.defaults(CLOCK);
    public static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    private TestReference() {
    }

    public static SealedPersonalData sealedFor(String actorId) {
        return new SealedPersonalData(actorId, "AES-256-GCM", "bm9uY2U=", "Y2lwaGVydGV4dA==");
    }
}
