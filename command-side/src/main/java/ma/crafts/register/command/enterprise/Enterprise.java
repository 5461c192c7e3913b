package ma.crafts.register.command.enterprise;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.crafts.register.command.ErasureRules;
import ma.crafts.register.command.cooperative.ActorRules;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.enterprise.ChamberNotificationIssued;
import ma.crafts.register.events.enterprise.EnterpriseFlaggedNonCompliant;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.LocalizedText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A craft enterprise in the RNA. Law 50.17: it carries out a craft activity and its production is supervised by an
 * artisan registered in the RNA; the supervisor must be ACTIVE at registration. When the supervisor is struck off,
 * {@link EnterpriseCompliance} flags the enterprise as non-compliant, and the enterprise issues a notice to its
 * region's chamber.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Enterprise {
    public static final String SUPERVISOR_MUST_BE_ACTIVE = "supervising-artisan-must-be-active";

    @AggregateIdentifier
    private String enterpriseId;
    private String nia;
    private LocalizedText name;
    private String regionCode;
    private String supervisingArtisanId;
    private boolean compliant;
    private boolean personalDataErased;

    /** For Axon's event sourcing. */
    protected Enterprise() {
    }

    @CommandHandler
    public Enterprise(RegisterEnterprise command, Geography geography, Nomenclature nomenclature,
                      SupervisingArtisans supervisors) {
        List<FieldProblem> problems = new ArrayList<>();
        String supervisor = command.supervisingArtisanId() == null ? null : command.supervisingArtisanId().strip();
        if (supervisor == null || supervisor.isEmpty()) {
            problems.add(new FieldProblem("supervisingArtisanId", "is required"));
        }
        ActorRules.Resolved resolved = ActorRules.check(new ActorRules.Registration("enterpriseId",
                command.enterpriseId(), command.nia(), command.name(), command.provinceCode(), command.activityCodes(),
                command.representativeGender(), command.representative(), command.actingRegion()), problems,
                geography, nomenclature);
        ArtisanStatus status = supervisors.statusOf(supervisor, command.actingRegion()).orElseThrow(() ->
                new NotFoundException("No artisan " + supervisor + " that you may name is registered in the RNA to "
                        + "supervise the enterprise"));
        if (status != ArtisanStatus.ACTIVE) {
            throw new RuleViolationException(SUPERVISOR_MUST_BE_ACTIVE, "An enterprise's production must be "
                    + "supervised by an ACTIVE artisan registered in the RNA; artisan " + supervisor + " is " + status);
        }
        apply(new EnterpriseRegistered(command.enterpriseId(), command.nia(), resolved.name(),
                resolved.province().code(), resolved.province().regionCode(), resolved.activityCodes(),
                resolved.branchCodes(), resolved.nomenclatureVersion(), supervisor, command.representativeGender(),
                command.representative()));
    }

    /**
     * Flags the enterprise, and tells its region's chamber. Does nothing if it is flagged already or if the cause is
     * about an artisan who no longer supervises it, so the process manager may deliver the command again safely.
     */
    @CommandHandler
    public void handle(FlagEnterpriseNonCompliant command) {
        if (!compliant || !supervisingArtisanId.equals(command.supervisingArtisanId())) {
            return;
        }
        apply(new EnterpriseFlaggedNonCompliant(enterpriseId, supervisingArtisanId, regionCode, command.cause()));
        apply(new ChamberNotificationIssued(notificationId(command), regionCode, enterpriseId,
                ChamberNotificationIssued.ENTERPRISE_NON_COMPLIANT, new LocalizedText(
                "لم تعد المقاولة " + name.ar() + " (الرقم التعريفي الحرفي " + nia
                        + ") مستوفية لشروط تسجيلها: تم شطب الصانع التقليدي المشرف على إنتاجها من السجل الوطني للصناعة التقليدية.",
                "L'entreprise " + name.fr() + " (NIA " + nia + ") ne remplit plus la condition de son "
                        + "inscription : l'artisan qui encadre sa production a été radié du Registre national de "
                        + "l'artisanat.")));
    }

    @CommandHandler
    public PersonalDataErased handle(EraseEnterprisePersonalData command) {
        PersonalDataErased erased = ErasureRules.erasure(enterpriseId, personalDataErased, command.reason(),
                command.legalBasis());
        apply(erased);
        return erased;
    }

    /** Stable for one enterprise, supervisor and cause, so a repeated flag names the same notice. */
    private String notificationId(FlagEnterpriseNonCompliant command) {
        return UUID.nameUUIDFromBytes((ChamberNotificationIssued.ENTERPRISE_NON_COMPLIANT + "|" + enterpriseId + "|"
                + command.supervisingArtisanId() + "|" + command.cause()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @EventSourcingHandler
    void on(EnterpriseRegistered event) {
        enterpriseId = event.enterpriseId();
        nia = event.nia();
        name = event.name();
        regionCode = event.regionCode();
        supervisingArtisanId = event.supervisingArtisanId();
        compliant = true;
    }

    @EventSourcingHandler
    void on(EnterpriseFlaggedNonCompliant event) {
        compliant = false;
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        personalDataErased = true;
    }
}
