package ma.crafts.register.command.artisan;

import static ma.crafts.register.command.CommandResponses.PROBLEM_JSON;
import static ma.crafts.register.command.CommandResponses.PROBLEM_REF;
import static ma.crafts.register.command.CommandResponses.VERSION_POSITION;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.platform.security.Role;
import ma.crafts.register.values.ArtisanStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Commands on artisans: registration, professional-body membership and status changes. Chamber clerks only. */
@RestController
@RequestMapping(path = "/api/v1/artisans", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Artisans: commands", description = "Writes on artisans. CHAMBER_CLERK only, for artisans whose current "
        + "province is in the clerk's region; AUDITOR, MINISTRY_ANALYST and REGISTRY_ADMIN get 403.")
public class ArtisanCommandController {

    public record RegisteredResponse(String artisanId, String nia,
                                     @Schema(allowableValues = {"ACTIVE"}) String status, long version, long position) {
    }

    public record JoinBodyRequest(@Schema(description = "Id of a PROVINCIAL body of the artisan's branch and province")
                                  @NotBlank @Size(max = 64) String bodyId) {
    }

    public record JoinedResponse(String artisanId, String bodyId, String branchCode, LocalDate since, long version,
                                 long position) {
    }

    public record ReasonRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record StatusResponse(String artisanId, ArtisanStatus status, long version, long position) {
    }

    private final ArtisanRegistration registration;
    private final CommandGatewayReceipts commands;
    private final AccessPolicy access;
    private final CurrentActor actor;
    private final RequestValidation validation;

    public ArtisanCommandController(ArtisanRegistration registration, CommandGatewayReceipts commands, AccessPolicy access,
                                    CurrentActor actor, RequestValidation validation) {
        this.registration = registration;
        this.commands = commands;
        this.access = access;
        this.actor = actor;
        this.validation = validation;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "registerArtisan", summary = "Register an artisan",
            description = "Registers an artisan in the province given (which must be in the clerk's region) and "
                    + "allocates its NIA. CIN: 1-2 letters then 1-6 digits, normalised to upper case; one artisan per CIN "
                    + "nationwide, also under concurrent requests. `qualification.route` DIPLOMA needs `diplomaRef`, "
                    + "EXPERIENCE needs at least 3 `yearsOfPractice`; 10 years or more make a MASTER_ARTISAN. Names need "
                    + "Arabic and French; personal data (CIN, names, birth date, phone, address) is encrypted before it is "
                    + "stored." + VERSION_POSITION)
    @ApiResponse(responseCode = "201", description = "Registered; `Location` is the artisan's view")
    @ApiResponse(responseCode = "400", description = "Invalid field (unknown province or activity, bad CIN, ...)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk, or the province is outside the clerk's region",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    @ApiResponse(responseCode = "409", description = "`/problems/duplicate-cin`: the CIN is already registered",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    public ResponseEntity<RegisteredResponse> register(@RequestBody(required = false) RegisterArtisanRequest request) {
        access.requireAnyRole(Role.CHAMBER_CLERK);
        ArtisanRegistration.Registered registered = registration.register(validation.valid(request));
        return ResponseEntity.created(URI.create("/api/v1/artisans/" + registered.artisanId()))
                .body(new RegisteredResponse(registered.artisanId(), registered.nia(), ArtisanStatus.ACTIVE.name(),
                        registered.appended().version(), registered.appended().position()));
    }

    @PostMapping(path = "/{artisanId}/memberships", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "joinProfessionalBody", summary = "Join a professional body",
            description = "Admits the artisan to a professional body: only a PROVINCIAL body of the artisan's branch "
                    + "and current province, at most one body per branch, and the artisan must be ACTIVE; otherwise "
                    + "409 rule-violation naming the rule." + VERSION_POSITION)
    @ApiResponse(responseCode = "201", description = "Joined")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the artisan's current region",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    @ApiResponse(responseCode = "404", description = "No such artisan or body",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: body-must-be-provincial, "
            + "body-branch-must-match, body-province-must-match, one-body-per-branch or artisan-must-be-active",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    public JoinedResponse join(@PathVariable String artisanId, @RequestBody(required = false) JoinBodyRequest request) {
        String region = clerkRegion();
        JoinBodyRequest valid = validation.valid(request);
        Appended<ArtisanJoinedProfessionalBody> appended = commands.send(
                new JoinProfessionalBody(artisanId, valid.bodyId().strip(), region), artisanId,
                ArtisanJoinedProfessionalBody.class);
        ArtisanJoinedProfessionalBody joined = appended.result();
        return new JoinedResponse(artisanId, joined.bodyId(), joined.branchCode(), joined.since(), appended.version(),
                appended.position());
    }

    @PostMapping(path = "/{artisanId}/suspension", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "suspendArtisan", summary = "Suspend an artisan",
            description = "Status SUSPENDED; the artisan's card stops being valid meanwhile. Only an ACTIVE artisan."
                    + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Suspended")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: artisan-must-be-active",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    public StatusResponse suspend(@PathVariable String artisanId, @RequestBody(required = false) ReasonRequest request) {
        String region = clerkRegion();
        String reason = validation.valid(request).reason();
        return status(artisanId, new SuspendArtisan(artisanId, reason, region), ArtisanStatus.SUSPENDED);
    }

    @PostMapping(path = "/{artisanId}/reinstatement", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "reinstateArtisan", summary = "Reinstate a suspended artisan",
            description = "Back to ACTIVE. Only a SUSPENDED artisan." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Reinstated")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: artisan-must-be-suspended",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    public StatusResponse reinstate(@PathVariable String artisanId, @RequestBody(required = false) ReasonRequest request) {
        String region = clerkRegion();
        String reason = validation.valid(request).reason();
        return status(artisanId, new ReinstateArtisan(artisanId, reason, region), ArtisanStatus.ACTIVE);
    }

    @PostMapping(path = "/{artisanId}/striking-off", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "strikeOffArtisan", summary = "Strike an artisan off the register",
            description = "Status STRUCK_OFF, final." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Struck off")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: artisan-struck-off (already)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    public StatusResponse strikeOff(@PathVariable String artisanId, @RequestBody(required = false) ReasonRequest request) {
        String region = clerkRegion();
        String reason = validation.valid(request).reason();
        return status(artisanId, new StrikeOffArtisan(artisanId, reason, region), ArtisanStatus.STRUCK_OFF);
    }

    private StatusResponse status(String artisanId, Object command, ArtisanStatus after) {
        Appended<Object> appended = commands.send(command, artisanId, Object.class);
        return new StatusResponse(artisanId, after, appended.version(), appended.position());
    }

    /** Writes on an existing artisan: a clerk with a region; whether it is the artisan's region the aggregate decides. */
    private String clerkRegion() {
        String region = actor.region();
        access.requireWriteAccessToRegion(region);
        return region;
    }
}
