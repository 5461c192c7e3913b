package ma.crafts.register.command.enterprise;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.crafts.register.command.ErasureRules;
import ma.crafts.register.command.TextSealer;
import ma.crafts.register.command.cooperative.ActorDetails;
import ma.crafts.register.command.cooperative.ActorLifecycle;
import ma.crafts.register.command.cooperative.ActorRules;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.enterprise.ChamberNotificationIssued;
import ma.crafts.register.events.enterprise.EnterpriseDetailsAmended;
import ma.crafts.register.events.enterprise.EnterpriseFlaggedNonCompliant;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.enterprise.EnterpriseReinstated;
import ma.crafts.register.events.enterprise.EnterpriseStruckOff;
import ma.crafts.register.events.enterprise.EnterpriseSupervisingArtisanChanged;
import ma.crafts.register.events.enterprise.EnterpriseSuspended;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.SealedText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A craft enterprise in the RNA. Law 50.17: it carries out a craft activity and its production is supervised by an
 * artisan registered in the RNA; the supervisor must be ACTIVE at registration. When the supervisor is struck off,
 * {@link EnterpriseCompliance} flags the enterprise as non-compliant, and the enterprise issues a notice to its
 * region's chamber; naming another ACTIVE supervisor lifts the flag. Its status follows the artisan's: suspended,
 * reinstated, struck off for good. Its name, activities and representative's contact details are amended under the
 * registration's rules.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Enterprise {
    public static final String SUPERVISOR_MUST_BE_ACTIVE = "supervising-artisan-must-be-active";
    static final String KIND = "enterprise";

    @AggregateIdentifier
    private String enterpriseId;
    private String nia;
    private String regionCode;
    private ActorDetails details;
    private String supervisingArtisanId;
    private boolean compliant;
    private boolean personalDataErased;
    private ArtisanStatus status;

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
        requireActiveSupervisor(supervisor, command.actingRegion(), supervisors);
        apply(new EnterpriseRegistered(command.enterpriseId(), command.nia(), resolved.name(),
                resolved.province().code(), resolved.province().regionCode(), resolved.activityCodes(),
                resolved.branchCodes(), resolved.nomenclatureVersion(), supervisor, command.representativeGender(),
                command.representative()));
    }

    /**
     * Law 50.17: production supervised by an artisan registered in the RNA, checked as ACTIVE when named. A clerk
     * naming another region's artisan gets the answer for an artisan that does not exist, whatever its status.
     */
    private static void requireActiveSupervisor(String supervisor, String actingRegion,
                                                SupervisingArtisans supervisors) {
        ArtisanStatus supervisorStatus = supervisors.statusOf(supervisor, actingRegion).orElseThrow(() ->
                new NotFoundException("No artisan " + supervisor + " that you may name is registered in the RNA to "
                        + "supervise the enterprise"));
        if (supervisorStatus != ArtisanStatus.ACTIVE) {
            throw new RuleViolationException(SUPERVISOR_MUST_BE_ACTIVE, "An enterprise's production must be "
                    + "supervised by an ACTIVE artisan registered in the RNA; artisan " + supervisor + " is "
                    + supervisorStatus);
        }
    }

    @CommandHandler
    public void handle(ChangeEnterpriseStatus command, TextSealer sealer) {
        ActorLifecycle.requireWithinRegion(command.actingRegion(), regionCode, KIND);
        String stated = ActorLifecycle.reason(command.reason());
        ActorLifecycle.requireTransition(status, command.status(), KIND, enterpriseId);
        SealedText reason = sealer.sealIfAny(enterpriseId, stated);
        apply(switch (command.status()) {
            case SUSPENDED -> new EnterpriseSuspended(enterpriseId, reason);
            case ACTIVE -> new EnterpriseReinstated(enterpriseId, reason);
            case STRUCK_OFF -> new EnterpriseStruckOff(enterpriseId, reason);
        });
    }

    /** A new supervisor, ACTIVE now, also lifts a non-compliance flag that the former one's strike-off caused. */
    @CommandHandler
    public EnterpriseSupervisingArtisanChanged handle(ChangeSupervisingArtisan command, SupervisingArtisans supervisors,
                                                      TextSealer sealer) {
        ActorLifecycle.requireWithinRegion(command.actingRegion(), regionCode, KIND);
        String reason = ActorLifecycle.reason(command.reason());
        String supervisor = command.supervisingArtisanId() == null ? "" : command.supervisingArtisanId().strip();
        if (supervisor.isEmpty()) {
            throw new InvalidInputException("artisanId", "is required");
        }
        ActorLifecycle.requireNotStruckOff(status, KIND, enterpriseId);
        if (supervisor.equals(supervisingArtisanId)) {
            throw new RuleViolationException("no-change", "Artisan " + supervisor + " already supervises "
                    + "the enterprise " + enterpriseId);
        }
        requireActiveSupervisor(supervisor, command.actingRegion(), supervisors);
        EnterpriseSupervisingArtisanChanged changed = new EnterpriseSupervisingArtisanChanged(enterpriseId,
                supervisingArtisanId, supervisor, !compliant, sealer.sealIfAny(enterpriseId, reason));
        apply(changed);
        return changed;
    }

    @CommandHandler
    public EnterpriseDetailsAmended handle(AmendEnterpriseDetails command, Nomenclature nomenclature) {
        ActorRules.Amended amended = ActorRules.amend(command.amendment(), new ActorRules.Recorded(KIND,
                enterpriseId, regionCode, status, details), nomenclature);
        EnterpriseDetailsAmended event = new EnterpriseDetailsAmended(enterpriseId, amended.amendedFields(),
                amended.name(), amended.activityCodes(), amended.branchCodes(), amended.nomenclatureVersion(),
                amended.representative());
        apply(event);
        return event;
    }

    /**
     * Flags the enterprise, and tells its region's chamber. Does nothing if it is flagged already or if the cause is
     * about an artisan who no longer supervises it, so the process manager may deliver the command again safely.
     */
    @CommandHandler
    public void handle(FlagEnterpriseNonCompliant command) {
        if (!compliant || status == ArtisanStatus.STRUCK_OFF
                || !supervisingArtisanId.equals(command.supervisingArtisanId())) {
            return;
        }
        apply(new EnterpriseFlaggedNonCompliant(enterpriseId, supervisingArtisanId, regionCode, command.cause()));
        apply(new ChamberNotificationIssued(notificationId(command), regionCode, enterpriseId,
                ChamberNotificationIssued.ENTERPRISE_NON_COMPLIANT, new LocalizedText(
                "لم تعد المقاولة " + details.name().ar() + " (الرقم التعريفي الحرفي " + nia
                        + ") مستوفية لشروط تسجيلها: تم شطب الصانع التقليدي المشرف على إنتاجها من السجل الوطني للصناعة التقليدية.",
                "L'entreprise " + details.name().fr() + " (NIA " + nia + ") ne remplit plus la condition de son "
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
        regionCode = event.regionCode();
        details = new ActorDetails(event.name(), event.activityCodes(), event.representative());
        supervisingArtisanId = event.supervisingArtisanId();
        compliant = true;
        status = ArtisanStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(EnterpriseDetailsAmended event) {
        details = details.amendedBy(event.name(), event.activityCodes(), event.representative());
    }

    @EventSourcingHandler
    void on(EnterpriseSupervisingArtisanChanged event) {
        supervisingArtisanId = event.supervisingArtisanId();
        compliant = true;
    }

    @EventSourcingHandler
    void on(EnterpriseSuspended event) {
        status = ArtisanStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(EnterpriseReinstated event) {
        status = ArtisanStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(EnterpriseStruckOff event) {
        status = ArtisanStatus.STRUCK_OFF;
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
