package ma.crafts.register.command.cooperative;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.List;
import ma.crafts.register.command.ErasureRules;
import ma.crafts.register.command.TextSealer;
import ma.crafts.register.events.cooperative.CooperativeDetailsAmended;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.cooperative.CooperativeReinstated;
import ma.crafts.register.events.cooperative.CooperativeStruckOff;
import ma.crafts.register.events.cooperative.CooperativeSuspended;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.SealedText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A craft cooperative in the RNA (Law 50.17: carries out one or more craft activities). Like an artisan it has an NIA,
 * a seat province that decides which chamber writes its records, and a representative whose personal data stays
 * sealed. Its status follows the artisan's: suspended, reinstated, struck off for good. Its name, activities and
 * representative's contact details are amended under the registration's rules.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Cooperative {
    static final String KIND = "cooperative";

    @AggregateIdentifier
    private String cooperativeId;
    private String nia;
    private String provinceCode;
    private String regionCode;
    private ActorDetails details;
    private ArtisanStatus status;
    private boolean personalDataErased;

    /** For Axon's event sourcing. */
    protected Cooperative() {
    }

    @CommandHandler
    public Cooperative(RegisterCooperative command, Geography geography, Nomenclature nomenclature) {
        ActorRules.Resolved resolved = ActorRules.check(new ActorRules.Registration("cooperativeId",
                command.cooperativeId(), command.nia(), command.name(), command.provinceCode(), command.activityCodes(),
                command.representativeGender(), command.representative(), command.actingRegion()), List.of(),
                geography, nomenclature);
        apply(new CooperativeRegistered(command.cooperativeId(), command.nia(), resolved.name(),
                resolved.province().code(), resolved.province().regionCode(), resolved.activityCodes(),
                resolved.branchCodes(), resolved.nomenclatureVersion(), command.representativeGender(),
                command.representative()));
    }

    @CommandHandler
    public PersonalDataErased handle(EraseCooperativePersonalData command) {
        PersonalDataErased erased = ErasureRules.erasure(cooperativeId, personalDataErased, command.reason(),
                command.legalBasis());
        apply(erased);
        return erased;
    }

    @CommandHandler
    public void handle(ChangeCooperativeStatus command, TextSealer sealer) {
        ActorLifecycle.requireWithinRegion(command.actingRegion(), regionCode, KIND);
        String stated = ActorLifecycle.reason(command.reason());
        ActorLifecycle.requireTransition(status, command.status(), KIND, cooperativeId);
        SealedText reason = sealer.sealIfAny(cooperativeId, stated);
        apply(switch (command.status()) {
            case SUSPENDED -> new CooperativeSuspended(cooperativeId, reason);
            case ACTIVE -> new CooperativeReinstated(cooperativeId, reason);
            case STRUCK_OFF -> new CooperativeStruckOff(cooperativeId, reason);
        });
    }

    @CommandHandler
    public CooperativeDetailsAmended handle(AmendCooperativeDetails command, Nomenclature nomenclature) {
        ActorRules.Amended amended = ActorRules.amend(command.amendment(), new ActorRules.Recorded(KIND,
                cooperativeId, regionCode, status, details), nomenclature);
        CooperativeDetailsAmended event = new CooperativeDetailsAmended(cooperativeId, amended.amendedFields(),
                amended.name(), amended.activityCodes(), amended.branchCodes(), amended.nomenclatureVersion(),
                amended.representative());
        apply(event);
        return event;
    }

    @EventSourcingHandler
    void on(CooperativeDetailsAmended event) {
        details = details.amendedBy(event.name(), event.activityCodes(), event.representative());
    }

    @EventSourcingHandler
    void on(CooperativeSuspended event) {
        status = ArtisanStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(CooperativeReinstated event) {
        status = ArtisanStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(CooperativeStruckOff event) {
        status = ArtisanStatus.STRUCK_OFF;
    }

    @EventSourcingHandler
    void on(CooperativeRegistered event) {
        cooperativeId = event.cooperativeId();
        nia = event.nia();
        provinceCode = event.provinceCode();
        regionCode = event.regionCode();
        details = new ActorDetails(event.name(), event.activityCodes(), event.representative());
        status = ArtisanStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        personalDataErased = true;
    }
}
