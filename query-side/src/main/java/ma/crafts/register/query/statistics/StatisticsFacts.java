package ma.crafts.register.query.statistics;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.crafts.register.events.artisan.ArtisanDetailsAmended;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardExpired;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.artisan.CardRenewed;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.eventhandling.EventMessage;

/**
 * What the statistics take from an event, shared by the projection and the recount so that both count alike: the
 * birth month (opened from the sealed personal data an event carries), the profile of an artisan's state, the profile
 * of a cooperative or enterprise, and the flows an event adds to.
 */
public class StatisticsFacts {

    private static final Map<Class<?>, FlowMeasure> FLOWS = Map.of(
            ArtisanRegistered.class, FlowMeasure.REGISTRATIONS,
            ArtisanStruckOff.class, FlowMeasure.STRIKE_OFFS,
            ArtisanSuspended.class, FlowMeasure.SUSPENSIONS,
            CardIssued.class, FlowMeasure.CARDS_ISSUED,
            CardRenewed.class, FlowMeasure.CARDS_RENEWED,
            CardExpired.class, FlowMeasure.CARDS_EXPIRED,
            ArtisanJoinedProfessionalBody.class, FlowMeasure.MEMBERSHIPS_STARTED,
            ProfessionalBodyMembershipEnded.class, FlowMeasure.MEMBERSHIPS_ENDED);

    private final PersonalDataVault vault;
    private final CodeLookups codes;

    public StatisticsFacts(PersonalDataVault vault, ReferenceCatalog catalog) {
        this.vault = vault;
        this.codes = new CodeLookups(catalog);
    }

    /**
     * The birth month after the event: from the personal data it carries, else the one known before. An erasure
     * forgets it: the destroyed key leaves nothing to read it from again, so a rebuild or a recount could not count the
     * person in that month, and the live cells must not either.
     */
    public YearMonth birthMonthAfter(Object payload, YearMonth before) {
        if (payload instanceof PersonalDataErased) {
            return null;
        }
        return sealedIn(payload).flatMap(vault::open)
                .filter(data -> data.birthDate() != null)
                .map(data -> YearMonth.from(data.birthDate()))
                .orElse(before);
    }

    /** Loads at once the keys that opening the personal data of these events will need (one lookup a batch). */
    public void preloadKeys(List<? extends EventMessage<?>> messages) {
        List<String> actors = messages.stream().map(message -> sealedIn(message.getPayload()))
                .flatMap(Optional::stream).map(SealedPersonalData::keyId).toList();
        if (!actors.isEmpty()) {
            vault.preloadKeys(actors);
        }
    }

    private static Optional<SealedPersonalData> sealedIn(Object payload) {
        if (payload instanceof ArtisanRegistered e) {
            return Optional.ofNullable(e.personalData());
        } else if (payload instanceof ArtisanDetailsAmended e) {
            return Optional.ofNullable(e.personalData());
        } else if (payload instanceof ArtisanRelocated e) {
            return Optional.ofNullable(e.personalData());
        }
        return Optional.empty();
    }

    public ActorProfile profile(ArtisanState artisan, YearMonth birthMonth) {
        return ActorProfile.of(artisan, birthMonth, codes.categoryOf(artisan.branchCode()));
    }

    /** The profile of a cooperative or enterprise from its registration; empty for any other event. */
    public Optional<ActorProfile> organisation(Object payload) {
        if (payload instanceof CooperativeRegistered e) {
            return Optional.of(ActorProfile.ofOrganisation(ActorKind.COOPERATIVE, e.regionCode(), e.provinceCode(),
                    e.activityCodes(), e.branchCodes(), codes.categoryOf(first(e.branchCodes()))));
        }
        if (payload instanceof EnterpriseRegistered e) {
            return Optional.of(ActorProfile.ofOrganisation(ActorKind.ENTERPRISE, e.regionCode(), e.provinceCode(),
                    e.activityCodes(), e.branchCodes(), codes.categoryOf(first(e.branchCodes()))));
        }
        return Optional.empty();
    }

    /**
     * The stored flow measures an artisan's event adds one to, counted where the artisan is after it; a relocation's
     * {@link FlowMeasure#OUT} is counted where it was before (see {@link #leavingFlows}). A card that expires is
     * counted by its recorded expiry, which the command side records only for a card not renewed in time.
     */
    public List<String> flows(Object payload) {
        if (payload instanceof ArtisanRelocated) {
            return List.of(FlowMeasure.IN);
        }
        FlowMeasure measure = FLOWS.get(payload.getClass());
        return measure == null ? List.of() : List.of(measure.apiName());
    }

    /** The stored flow measures an artisan's event counts where the artisan was before it. */
    public List<String> leavingFlows(Object payload) {
        return payload instanceof ArtisanRelocated ? List.of(FlowMeasure.OUT) : List.of();
    }

    private static String first(List<String> codes) {
        return codes == null || codes.isEmpty() ? null : codes.get(0);
    }
}
