package ma.crafts.register.query.support;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/** Builds event messages as the event store delivers them: aggregate id, sequence, timestamp and metadata. */
public final class TestEvents {

    public static final String AGGREGATE_TYPE = "Artisan";

    private TestEvents() {
    }

    public static DomainEventMessage<?> message(String artisanId, long sequence, long position, Instant at,
                                                Object payload) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, artisanId, sequence, payload,
                Map.of("globalPosition", position, "recordedBy", "clerk-7", "chamber", "MA-07",
                        "correlationId", "corr-" + artisanId + "-" + sequence),
                java.util.UUID.randomUUID().toString(), at);
    }

    public static ArtisanRegistered registered(String artisanId, String provinceCode, String regionCode,
                                               String branchCode, SealedPersonalData sealed) {
        return new ArtisanRegistered(artisanId, "NIA-" + artisanId, provinceCode, regionCode, branchCode + "-001",
                branchCode, "2021-provisional-1", Gender.F,
                new RegisteredQualification(QualificationRoute.EXPERIENCE, 12, null), ArtisanCategory.MASTER_ARTISAN, sealed);
    }

    public static SealedPersonalData sealed(String artisanId) {
        return new SealedPersonalData(artisanId, "AES-256-GCM", "bm9uY2U=", "Y2lwaGVydGV4dA==");
    }

    public static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }
}
