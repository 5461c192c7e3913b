package ma.crafts.register.query.eligibility;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.cooperative.CooperativeDetailsAmended;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.cooperative.CooperativeReinstated;
import ma.crafts.register.events.cooperative.CooperativeStruckOff;
import ma.crafts.register.events.cooperative.CooperativeSuspended;
import ma.crafts.register.events.enterprise.EnterpriseDetailsAmended;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.enterprise.EnterpriseReinstated;
import ma.crafts.register.events.enterprise.EnterpriseStruckOff;
import ma.crafts.register.events.enterprise.EnterpriseSuspended;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.artisan.FoldedArtisans;
import ma.crafts.register.values.ArtisanStatus;

/**
 * Folds every actor's stream for the eligibility model: an artisan's with {@link ArtisanFolding}, a cooperative's or an
 * enterprise's into the artisan's shape with what the rules can read of it (id, NIA, status, territory, main activity
 * and branch, registration) and none of a person's fields, so the passes, lists and counts treat every kind alike. The
 * main activity is the first declared, as in the statistics; the representative's personal data is left out, since
 * no rule judges the representative.
 */
public final class EligibilityFolding implements FoldedArtisans.Fold {

    private static final Map<Class<?>, ArtisanStatus> STATUS_CHANGES = Map.of(
            CooperativeSuspended.class, ArtisanStatus.SUSPENDED, EnterpriseSuspended.class, ArtisanStatus.SUSPENDED,
            CooperativeReinstated.class, ArtisanStatus.ACTIVE, EnterpriseReinstated.class, ArtisanStatus.ACTIVE,
            CooperativeStruckOff.class, ArtisanStatus.STRUCK_OFF, EnterpriseStruckOff.class, ArtisanStatus.STRUCK_OFF);

    private final ArtisanFolding artisans;

    public EligibilityFolding(ArtisanFolding artisans) {
        this.artisans = artisans;
    }

    /** The kind of actor whose stream an event begins, or empty when it registers none. */
    public static Optional<ActorKind> kindRegisteredBy(Object payload) {
        if (payload instanceof ArtisanRegistered) {
            return Optional.of(ActorKind.ARTISAN);
        }
        if (payload instanceof CooperativeRegistered) {
            return Optional.of(ActorKind.COOPERATIVE);
        }
        return payload instanceof EnterpriseRegistered ? Optional.of(ActorKind.ENTERPRISE) : Optional.empty();
    }

    @Override
    public Optional<ArtisanState> apply(ArtisanState current, ArtisanEvent event) {
        Object payload = event.payload();
        if (payload instanceof CooperativeRegistered r) {
            return Optional.of(registered(event, r.nia(), r.provinceCode(), r.regionCode(), r.activityCodes(),
                    r.branchCodes(), r.nomenclatureVersion()));
        }
        if (payload instanceof EnterpriseRegistered r) {
            return Optional.of(registered(event, r.nia(), r.provinceCode(), r.regionCode(), r.activityCodes(),
                    r.branchCodes(), r.nomenclatureVersion()));
        }
        if (current == null || event.sequence() <= current.version()) {
            return artisans.apply(current, event);
        }
        if (payload instanceof CooperativeDetailsAmended a) {
            return Optional.of(amended(current, event, a.activityCodes(), a.branchCodes(), a.nomenclatureVersion()));
        }
        if (payload instanceof EnterpriseDetailsAmended a) {
            return Optional.of(amended(current, event, a.activityCodes(), a.branchCodes(), a.nomenclatureVersion()));
        }
        ArtisanStatus status = STATUS_CHANGES.get(payload.getClass());
        if (status != null) {
            return Optional.of(stamped(current.toBuilder(), event).status(status).build());
        }
        return artisans.apply(current, event);
    }

    private static ArtisanState registered(ArtisanEvent event, String nia, String provinceCode, String regionCode,
                                           List<String> activityCodes, List<String> branchCodes,
                                           String nomenclatureVersion) {
        ArtisanState.Builder builder = new ArtisanState.Builder().artisanId(event.artisanId()).nia(nia)
                .status(ArtisanStatus.ACTIVE).provinceCode(provinceCode).regionCode(regionCode)
                .registeredAt(event.occurredAt()).registrationPosition(event.position());
        return mainActivity(stamped(builder, event), activityCodes, branchCodes, nomenclatureVersion).build();
    }

    /** An amendment that names no activities leaves them as they were. */
    private static ArtisanState amended(ArtisanState current, ArtisanEvent event, List<String> activityCodes,
                                        List<String> branchCodes, String nomenclatureVersion) {
        return mainActivity(stamped(current.toBuilder(), event), activityCodes, branchCodes, nomenclatureVersion)
                .build();
    }

    private static ArtisanState.Builder mainActivity(ArtisanState.Builder builder, List<String> activityCodes,
                                                     List<String> branchCodes, String nomenclatureVersion) {
        if (activityCodes == null || activityCodes.isEmpty()) {
            return builder;
        }
        return builder.activityCode(activityCodes.get(0)).nomenclatureVersion(nomenclatureVersion)
                .branchCode(branchCodes == null || branchCodes.isEmpty() ? null : branchCodes.get(0));
    }

    private static ArtisanState.Builder stamped(ArtisanState.Builder builder, ArtisanEvent event) {
        return builder.version(event.sequence()).position(event.position()).updatedAt(event.occurredAt());
    }
}
