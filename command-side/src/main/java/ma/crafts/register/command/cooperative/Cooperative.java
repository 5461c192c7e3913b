package ma.crafts.register.command.cooperative;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.ArrayList;
import java.util.List;
import ma.crafts.register.command.ErasureRules;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A craft cooperative in the RNA (Law 50.17: carries out one or more craft activities). Like an artisan it has an NIA,
 * a seat province that decides which chamber writes its records, and a representative whose personal data stays
 * sealed.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Cooperative {
    @AggregateIdentifier
    private String cooperativeId;
    private String nia;
    private String provinceCode;
    private String regionCode;
    private List<String> activityCodes = new ArrayList<>();
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

    @EventSourcingHandler
    void on(CooperativeRegistered event) {
        cooperativeId = event.cooperativeId();
        nia = event.nia();
        provinceCode = event.provinceCode();
        regionCode = event.regionCode();
        activityCodes = new ArrayList<>(event.activityCodes());
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        personalDataErased = true;
    }
}
