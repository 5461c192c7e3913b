package ma.crafts.register.command.cooperative;

import static ma.crafts.register.command.CommandResponses.VERSION_POSITION;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.OptionalReasonRequest;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.command.StatedReason;
import ma.crafts.register.events.cooperative.CooperativeDetailsAmended;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
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

/** Registration, amendment and status of craft cooperatives. Chamber clerks only, for cooperatives seated in their region. */
@RestController
@RequestMapping(path = "/api/v1/cooperatives", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Cooperatives: commands", description = "Writes on craft cooperatives. CHAMBER_CLERK only, for cooperatives "
        + "seated in a province of the clerk's region; other roles get 403.")
public class CooperativeCommandController {
    static final String ACTIVE = "ACTIVE";

    @Schema(name = "CooperativeRegisteredResponse")
    public record RegisteredResponse(String cooperativeId, String nia,
                                     @Schema(allowableValues = {ACTIVE}) String status, long version, long position) {
    }

    @Schema(name = "CooperativeStatusResponse")
    public record StatusResponse(String cooperativeId, ArtisanStatus status, long version, long position) {
    }

    @Schema(name = "CooperativeAmendedResponse")
    public record AmendedResponse(String cooperativeId,
                                  @Schema(description = "The fields that changed") List<String> amendedFields,
                                  long version, long position) {
    }

    static final ActorAmendments.Kind AMENDED = new ActorAmendments.Kind(Cooperative.KIND,
            CooperativeRegistered.class, AmendCooperativeDetails::new);

    private final ActorEnrolment enrolment;
    private final ActorAmendments amendments;
    private final CommandGatewayReceipts commands;
    private final AccessPolicy access;
    private final CurrentActor actor;
    private final RequestValidation validation;

    public CooperativeCommandController(ActorEnrolment enrolment, ActorAmendments amendments,
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
    @Operation(operationId = "registerCooperative", summary = "Register a craft cooperative",
            description = "Registers a cooperative carrying out one or more craft activities (`activityCodes`; "
                    + "`activityCode`, if given, names the main one) in the province given, which must be in the "
                    + "clerk's region, and allocates its NIA. `name` needs Arabic and French. The representative's "
                    + "CIN, names, birth date, gender, phone and address follow the rules of an artisan's and are "
                    + "encrypted before they are stored." + VERSION_POSITION)
    @ApiResponse(responseCode = "201", description = "Registered; `Location` names the cooperative")
    @ApiResponse(responseCode = "400", description = "Invalid field (unknown province or activity, bad CIN, ...)")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk, or the province is outside the clerk's region")
    public ResponseEntity<RegisteredResponse> register(@RequestBody(required = false) RegisterCooperativeRequest request) {
        access.requireAnyRole(Role.CHAMBER_CLERK);
        ActorEnrolment.Checked checked = enrolment.check(validation.valid(request));
        ActorEnrolment.Enrolled enrolled = enrolment.enrol(checked, RegisterCooperative.of(checked));
        return ResponseEntity.created(URI.create("/api/v1/cooperatives/" + enrolled.actorId()))
                .body(new RegisteredResponse(enrolled.actorId(), enrolled.nia(), ACTIVE,
                        enrolled.appended().version(), enrolled.appended().position()));
    }

    @PostMapping(path = "/{cooperativeId}/amendments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "amendCooperative", summary = "Amend a cooperative's details",
            description = "Changes any of `name` (Arabic and French forms both), `activityCodes` (the whole list, "
                    + "`activityCode` naming the main one) and the representative's `phone` and `address`, checked "
                    + "as at registration; at least one is required (400). The representative's data is encrypted "
                    + "before it is stored. A request that changes nothing gets 409 `no-change`; a STRUCK_OFF "
                    + "cooperative 409 `cooperative-struck-off`. The event names the fields that changed; an optional "
                    + "`reason` is kept with it." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Amended")
    @ApiResponse(responseCode = "400", description = "No field given, or a field fails the registration rules")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the cooperative's region")
    @ApiResponse(responseCode = "404", description = "No such cooperative")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: no-change, cooperative-struck-off, "
            + "personal-data-erased; `/problems/concurrency` if the record kept changing meanwhile")
    public AmendedResponse amend(@PathVariable String cooperativeId,
                                 @RequestBody(required = false) AmendActorRequest request) {
        String region = clerkRegion();
        AmendActorRequest valid = validation.valid(request);
        Appended<CooperativeDetailsAmended> appended = StatedReason.during(valid.reason(), () ->
                amendments.amend(cooperativeId, AMENDED, valid, region, CooperativeDetailsAmended.class));
        return new AmendedResponse(cooperativeId, appended.result().amendedFields(), appended.version(),
                appended.position());
    }

    @PostMapping(path = "/{cooperativeId}/suspension")
    @Operation(operationId = "suspendCooperative", summary = "Suspend a cooperative",
            description = "Status SUSPENDED, with an optional `reason`. Only an ACTIVE cooperative." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Suspended")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the cooperative's region")
    @ApiResponse(responseCode = "404", description = "No such cooperative")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: cooperative-must-be-active, "
            + "cooperative-struck-off")
    public StatusResponse suspend(@PathVariable String cooperativeId,
                                  @RequestBody(required = false) OptionalReasonRequest request) {
        return status(cooperativeId, request, ArtisanStatus.SUSPENDED);
    }

    @PostMapping(path = "/{cooperativeId}/reinstatement")
    @Operation(operationId = "reinstateCooperative", summary = "Reinstate a suspended cooperative",
            description = "Back to ACTIVE, with an optional `reason`. Only a SUSPENDED cooperative." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Reinstated")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the cooperative's region")
    @ApiResponse(responseCode = "404", description = "No such cooperative")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: cooperative-must-be-suspended, "
            + "cooperative-struck-off")
    public StatusResponse reinstate(@PathVariable String cooperativeId,
                                    @RequestBody(required = false) OptionalReasonRequest request) {
        return status(cooperativeId, request, ArtisanStatus.ACTIVE);
    }

    @PostMapping(path = "/{cooperativeId}/striking-off")
    @Operation(operationId = "strikeOffCooperative", summary = "Strike a cooperative off the register",
            description = "Status STRUCK_OFF, final, with an optional `reason`." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Struck off")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the cooperative's region")
    @ApiResponse(responseCode = "404", description = "No such cooperative")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: cooperative-struck-off (already)")
    public StatusResponse strikeOff(@PathVariable String cooperativeId,
                                    @RequestBody(required = false) OptionalReasonRequest request) {
        return status(cooperativeId, request, ArtisanStatus.STRUCK_OFF);
    }

    private StatusResponse status(String cooperativeId, OptionalReasonRequest request, ArtisanStatus after) {
        String region = clerkRegion();
        Appended<Object> appended = commands.send(new ChangeCooperativeStatus(cooperativeId, after,
                OptionalReasonRequest.of(request), region), cooperativeId, Object.class);
        return new StatusResponse(cooperativeId, after, appended.version(), appended.position());
    }

    /** Writes on a registered cooperative: a clerk with a region; whether it is the cooperative's the aggregate decides. */
    private String clerkRegion() {
        String region = actor.region();
        access.requireWriteAccessToRegion(region);
        return region;
    }
}
