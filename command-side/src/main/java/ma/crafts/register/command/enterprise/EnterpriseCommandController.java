package ma.crafts.register.command.enterprise;

import static ma.crafts.register.command.CommandResponses.VERSION_POSITION;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.OptionalReasonRequest;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.command.StatedReason;
import ma.crafts.register.command.cooperative.ActorAmendments;
import ma.crafts.register.command.cooperative.ActorEnrolment;
import ma.crafts.register.command.cooperative.AmendActorRequest;
import ma.crafts.register.events.enterprise.EnterpriseDetailsAmended;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.enterprise.EnterpriseSupervisingArtisanChanged;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.platform.security.Role;
import ma.crafts.register.values.ArtisanStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Registration, amendment, status and supervisor of craft enterprises. Chamber clerks only, for enterprises seated in their region. */
@RestController
@RequestMapping(path = "/api/v1/enterprises", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Enterprises: commands", description = "Writes on craft enterprises. CHAMBER_CLERK only, for enterprises "
        + "seated in a province of the clerk's region; other roles get 403.")
public class EnterpriseCommandController {
    static final String ACTIVE = "ACTIVE";

    @Schema(name = "EnterpriseRegisteredResponse")
    public record RegisteredResponse(String enterpriseId, String nia,
                                     @Schema(allowableValues = {ACTIVE}) String status, String supervisingArtisanId,
                                     long version, long position) {
    }

    @Schema(name = "EnterpriseStatusResponse")
    public record StatusResponse(String enterpriseId, ArtisanStatus status, long version, long position) {
    }

    public record SupervisorRequest(
            @Schema(description = "Id of an ACTIVE artisan registered in the RNA") @NotBlank @Size(max = 64) String artisanId,
            @Schema(description = "Why the supervisor changes; optional")
            @Size(max = StatedReason.MAX_LENGTH) String reason) {
    }

    public record SupervisorChangedResponse(String enterpriseId, String supervisingArtisanId,
                                            String previousSupervisingArtisanId,
                                            @Schema(description = "True when the change lifted a non-compliance flag")
                                            boolean complianceRestored, long version, long position) {
    }

    @Schema(name = "EnterpriseAmendedResponse")
    public record AmendedResponse(String enterpriseId,
                                  @Schema(description = "The fields that changed") List<String> amendedFields,
                                  long version, long position) {
    }

    static final ActorAmendments.Kind AMENDED = new ActorAmendments.Kind(Enterprise.KIND,
            EnterpriseRegistered.class, AmendEnterpriseDetails::new);

    private final ActorEnrolment enrolment;
    private final ActorAmendments amendments;
    private final CommandGatewayReceipts commands;
    private final AccessPolicy access;
    private final CurrentActor actor;
    private final RequestValidation validation;

    public EnterpriseCommandController(ActorEnrolment enrolment, ActorAmendments amendments,
                                       CommandGatewayReceipts commands, AccessPolicy access, CurrentActor actor,
                                       RequestValidation validation) {
        this.enrolment = enrolment;
        this.amendments = amendments;
        this.commands = commands;
        this.access = access;
        this.actor = actor;
        this.validation = validation;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "registerEnterprise", summary = "Register a craft enterprise",
            description = "Registers an enterprise in the province given, which must be in the clerk's region, and "
                    + "allocates its NIA. Law 50.17: its production is supervised by an artisan registered in the RNA, "
                    + "so `supervisingArtisanId` must name an ACTIVE artisan. If that artisan is later struck off, the "
                    + "enterprise is flagged non-compliant and its region's chamber is notified. Other fields as for "
                    + "a cooperative: `name` in Arabic and French, `activityCodes` (`activityCode` names the main one), "
                    + "and the representative's personal data, encrypted before it is stored." + VERSION_POSITION)
    @ApiResponse(responseCode = "201", description = "Registered; `Location` names the enterprise")
    @ApiResponse(responseCode = "400", description = "Invalid field (unknown province or activity, bad CIN, ...)")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk, or the province is outside the clerk's region")
    @ApiResponse(responseCode = "404", description = "No artisan is registered under `supervisingArtisanId`, or (for a "
            + "chamber clerk) it is registered in another region: both answer alike")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: supervising-artisan-must-be-active")
    public ResponseEntity<RegisteredResponse> register(@RequestBody(required = false) RegisterEnterpriseRequest request) {
        access.requireAnyRole(Role.CHAMBER_CLERK);
        RegisterEnterpriseRequest valid = validation.valid(request);
        ActorEnrolment.Checked checked = enrolment.check(valid);
        String supervisor = valid.supervisingArtisanId().strip();
        ActorEnrolment.Enrolled enrolled = enrolment.enrol(checked, RegisterEnterprise.of(checked, supervisor));
        return ResponseEntity.created(URI.create("/api/v1/enterprises/" + enrolled.actorId()))
                .body(new RegisteredResponse(enrolled.actorId(), enrolled.nia(), ACTIVE, supervisor,
                        enrolled.appended().version(), enrolled.appended().position()));
    }

    @PostMapping(path = "/{enterpriseId}/amendments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "amendEnterprise", summary = "Amend an enterprise's details",
            description = "Changes any of `name` (Arabic and French forms both), `activityCodes` (the whole list, "
                    + "`activityCode` naming the main one) and the representative's `phone` and `address`, checked "
                    + "as at registration; at least one is required (400). The supervising artisan changes through "
                    + "`/supervising-artisan`. The representative's data is encrypted before it is stored. A request "
                    + "that changes nothing gets 409 `no-change`; a STRUCK_OFF enterprise 409 "
                    + "`enterprise-struck-off`. The event names the fields that changed; an optional `reason` is kept "
                    + "with it." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Amended")
    @ApiResponse(responseCode = "400", description = "No field given, or a field fails the registration rules")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the enterprise's region")
    @ApiResponse(responseCode = "404", description = "No such enterprise")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: no-change, enterprise-struck-off, "
            + "personal-data-erased; `/problems/concurrency` if the record kept changing meanwhile")
    public AmendedResponse amend(@PathVariable String enterpriseId,
                                 @RequestBody(required = false) AmendActorRequest request) {
        String region = clerkRegion();
        AmendActorRequest valid = validation.valid(request);
        Appended<EnterpriseDetailsAmended> appended = StatedReason.during(valid.reason(), () ->
                amendments.amend(enterpriseId, AMENDED, valid, region, EnterpriseDetailsAmended.class));
        return new AmendedResponse(enterpriseId, appended.result().amendedFields(), appended.version(),
                appended.position());
    }

    @PostMapping(path = "/{enterpriseId}/suspension")
    @Operation(operationId = "suspendEnterprise", summary = "Suspend an enterprise",
            description = "Status SUSPENDED, with an optional `reason`. Only an ACTIVE enterprise." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Suspended")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the enterprise's region")
    @ApiResponse(responseCode = "404", description = "No such enterprise")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: enterprise-must-be-active, "
            + "enterprise-struck-off")
    public StatusResponse suspend(@PathVariable String enterpriseId,
                                  @RequestBody(required = false) OptionalReasonRequest request) {
        return status(enterpriseId, request, ArtisanStatus.SUSPENDED);
    }

    @PostMapping(path = "/{enterpriseId}/reinstatement")
    @Operation(operationId = "reinstateEnterprise", summary = "Reinstate a suspended enterprise",
            description = "Back to ACTIVE, with an optional `reason`. Only a SUSPENDED enterprise." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Reinstated")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the enterprise's region")
    @ApiResponse(responseCode = "404", description = "No such enterprise")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: enterprise-must-be-suspended, "
            + "enterprise-struck-off")
    public StatusResponse reinstate(@PathVariable String enterpriseId,
                                    @RequestBody(required = false) OptionalReasonRequest request) {
        return status(enterpriseId, request, ArtisanStatus.ACTIVE);
    }

    @PostMapping(path = "/{enterpriseId}/striking-off")
    @Operation(operationId = "strikeOffEnterprise", summary = "Strike an enterprise off the register",
            description = "Status STRUCK_OFF, final, with an optional `reason`." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Struck off")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the enterprise's region")
    @ApiResponse(responseCode = "404", description = "No such enterprise")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: enterprise-struck-off (already)")
    public StatusResponse strikeOff(@PathVariable String enterpriseId,
                                    @RequestBody(required = false) OptionalReasonRequest request) {
        return status(enterpriseId, request, ArtisanStatus.STRUCK_OFF);
    }

    @PostMapping(path = "/{enterpriseId}/supervising-artisan", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "changeSupervisingArtisan", summary = "Change an enterprise's supervising artisan",
            description = "Law 50.17: the enterprise's production is supervised by an artisan registered in the RNA, "
                    + "so `artisanId` must name an ACTIVE artisan, checked as at registration. The change lifts a "
                    + "non-compliance flag, and the compliance watch follows the new supervisor." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Changed")
    @ApiResponse(responseCode = "400", description = "Missing `artisanId`")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the enterprise's region")
    @ApiResponse(responseCode = "404", description = "No such enterprise, or no artisan registered under `artisanId`, "
            + "or (for a chamber clerk) it is registered in another region: both answer alike")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: supervising-artisan-must-be-active, "
            + "no-change, enterprise-struck-off")
    public SupervisorChangedResponse changeSupervisor(@PathVariable String enterpriseId,
                                                      @RequestBody(required = false) SupervisorRequest request) {
        String region = clerkRegion();
        SupervisorRequest valid = validation.valid(request);
        Appended<EnterpriseSupervisingArtisanChanged> appended = commands.send(new ChangeSupervisingArtisan(
                enterpriseId, valid.artisanId(), valid.reason(), region), enterpriseId,
                EnterpriseSupervisingArtisanChanged.class);
        EnterpriseSupervisingArtisanChanged changed = appended.result();
        return new SupervisorChangedResponse(enterpriseId, changed.supervisingArtisanId(),
                changed.previousSupervisingArtisanId(), changed.complianceRestored(), appended.version(),
                appended.position());
    }

    private StatusResponse status(String enterpriseId, OptionalReasonRequest request, ArtisanStatus after) {
        String region = clerkRegion();
        Appended<Object> appended = commands.send(new ChangeEnterpriseStatus(enterpriseId, after,
                OptionalReasonRequest.of(request), region), enterpriseId, Object.class);
        return new StatusResponse(enterpriseId, after, appended.version(), appended.position());
    }

    /** Writes on a registered enterprise: a clerk with a region; whether it is the enterprise's the aggregate decides. */
    private String clerkRegion() {
        String region = actor.region();
        access.requireWriteAccessToRegion(region);
        return region;
    }
}
