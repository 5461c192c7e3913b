package ma.crafts.register.command.artisan;

import static ma.crafts.register.command.CommandResponses.VERSION_POSITION;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.command.StatedReason;
import ma.crafts.register.events.artisan.ArtisanDetailsAmended;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.events.artisan.DiplomaEvidenceChecked;
import ma.crafts.register.events.artisan.MasterArtisanStatusGranted;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.platform.security.Role;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Commands on artisans: registration, amendments and relocation, status changes, qualification, professional-body
 * membership. Chamber clerks only, of the artisan's current region.
 */
@RestController
@RequestMapping(path = "/api/v1/artisans", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Artisans: commands", description = "Writes on artisans. CHAMBER_CLERK only, for artisans whose current "
        + "province is in the clerk's region; AUDITOR, MINISTRY_ANALYST and REGISTRY_ADMIN get 403.")
public class ArtisanCommandController {

    @Schema(name = "ArtisanRegisteredResponse")
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

    public record AmendedResponse(String artisanId,
                                  @Schema(description = "The fields that changed") List<String> amendedFields,
                                  long version, long position) {
    }

    public record RelocationRequest(
            @Schema(description = "ISO 3166-2:MA prefecture or province code of the new province", example = "MA-FES")
            @NotBlank @Size(max = 10) String provinceCode,
            @Schema(description = "The new address", example = "Talaa Kebira 40, Fès") @NotBlank @Size(max = 300) String address,
            @Schema(description = "Why the artisan moves; optional, shown in the history")
            @Size(max = StatedReason.MAX_LENGTH) String reason) {
    }

    public record RelocatedResponse(String artisanId, String provinceCode,
                                    @Schema(description = "The new region; its chamber now holds the record") String regionCode,
                                    long version, long position) {
    }

    public record MasterArtisanRequest(
            @Schema(description = "Years of effective practice attested; at least 10 (register.policy.master-artisan-years)")
            @NotNull @Min(0) @Max(105) Integer yearsOfPractice,
            @Schema(description = "Reference of the attestation of recognition of professional experience")
            @NotBlank @Size(max = 100) String evidenceRef,
            @Schema(description = "Why the status is granted; optional, shown in the history")
            @Size(max = StatedReason.MAX_LENGTH) String reason) {
    }

    public record MasterArtisanResponse(String artisanId, ArtisanCategory category, int yearsOfPractice, long version,
                                        long position) {
    }

    public record DiplomaEvidenceRequest(
            @Schema(description = "The diploma's reference as it reads on the evidence", example = "OFPPT-2019-0042")
            @NotBlank @Size(max = 100) String diplomaRef,
            @Schema(description = "The training body that issued the diploma", example = "OFPPT")
            @NotBlank @Size(max = 100) String issuer,
            @Schema(description = "Reference of the document held by the chamber", example = "CH07-DOC-2026-0815")
            @NotBlank @Size(max = 100) String evidenceRef) {
    }

    public record DiplomaEvidenceResponse(String artisanId, String diplomaRef,
                                          @Schema(description = "CONFIRMED when the evidence names the registered diploma, "
                                                  + "MISMATCH otherwise") DiplomaEvidenceChecked.Outcome outcome,
                                          String detail, long version, long position) {
    }

    public record MembershipEndedResponse(String artisanId, String bodyId, LocalDate since, LocalDate endedOn,
                                          ProfessionalBodyMembershipEnded.Cause cause, long version, long position) {

        public static MembershipEndedResponse of(Appended<ProfessionalBodyMembershipEnded> appended) {
            ProfessionalBodyMembershipEnded e = appended.result();
            return new MembershipEndedResponse(e.artisanId(), e.bodyId(), e.since(), e.endedOn(), e.cause(),
                    appended.version(), appended.position());
        }
    }

    private final ArtisanRegistration registration;
    private final ArtisanChanges changes;
    private final CommandGatewayReceipts commands;
    private final AccessPolicy access;
    private final CurrentActor actor;
    private final RequestValidation validation;

    public ArtisanCommandController(ArtisanRegistration registration, ArtisanChanges changes,
                                    CommandGatewayReceipts commands, AccessPolicy access, CurrentActor actor,
                                    RequestValidation validation) {
        this.registration = registration;
        this.changes = changes;
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
    @ApiResponse(responseCode = "201", description = "Registered; `Location` is the artisan's view",
            headers = @Header(name = "Location", description = "/api/v1/artisans/{artisanId}",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "Invalid field (unknown province or activity, bad CIN, ...)")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk, or the province is outside the clerk's region")
    @ApiResponse(responseCode = "409", description = "`/problems/duplicate-cin`: the CIN is already registered")
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
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the artisan's current region, or a "
            + "body of another region; an unknown body is answered alike, so that the answer does not tell another "
            + "region's body exists")
    @ApiResponse(responseCode = "404", description = "No such artisan")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: body-must-be-provincial, "
            + "body-branch-must-match, body-province-must-match, one-body-per-branch or artisan-must-be-active")
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
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: artisan-must-be-active")
    public StatusResponse suspend(@PathVariable String artisanId, @RequestBody(required = false) ReasonRequest request) {
        String region = clerkRegion();
        String reason = validation.valid(request).reason();
        return status(artisanId, new SuspendArtisan(artisanId, reason, region), ArtisanStatus.SUSPENDED);
    }

    @PostMapping(path = "/{artisanId}/reinstatement", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "reinstateArtisan", summary = "Reinstate a suspended artisan",
            description = "Back to ACTIVE. Only a SUSPENDED artisan." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Reinstated")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: artisan-must-be-suspended")
    public StatusResponse reinstate(@PathVariable String artisanId, @RequestBody(required = false) ReasonRequest request) {
        String region = clerkRegion();
        String reason = validation.valid(request).reason();
        return status(artisanId, new ReinstateArtisan(artisanId, reason, region), ArtisanStatus.ACTIVE);
    }

    @PostMapping(path = "/{artisanId}/striking-off", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "strikeOffArtisan", summary = "Strike an artisan off the register",
            description = "Status STRUCK_OFF, final: the record can no longer be amended or relocated, the card "
                    + "stops being valid, and every professional-body membership ends (cause STRUCK_OFF, with this "
                    + "reason)." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Struck off")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: artisan-struck-off (already)")
    public StatusResponse strikeOff(@PathVariable String artisanId, @RequestBody(required = false) ReasonRequest request) {
        String region = clerkRegion();
        String reason = validation.valid(request).reason();
        return status(artisanId, new StrikeOffArtisan(artisanId, reason, region), ArtisanStatus.STRUCK_OFF);
    }

    @PostMapping(path = "/{artisanId}/amendments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "amendArtisan", summary = "Amend an artisan's details",
            description = "Changes any of `firstName`, `lastName` (Arabic and French forms both), `phone`, `address` "
                    + "and `activityCode`, checked as at registration; at least one is required (400). Personal data is "
                    + "encrypted before it is stored, as at registration. A new activity of another branch ends the "
                    + "memberships of bodies of the old branch (cause BRANCH_CHANGED). A request that changes nothing "
                    + "gets 409 `no-change`; a STRUCK_OFF artisan 409 `artisan-struck-off`. The event names the "
                    + "fields that changed." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Amended")
    @ApiResponse(responseCode = "400", description = "No field given, or a field fails the registration rules")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the artisan's current region")
    @ApiResponse(responseCode = "404", description = "No such artisan")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: no-change, artisan-struck-off, "
            + "personal-data-erased; `/problems/concurrency` if the record kept changing meanwhile")
    public AmendedResponse amend(@PathVariable String artisanId, @RequestBody(required = false) AmendArtisanRequest request) {
        String region = clerkRegion();
        AmendArtisanRequest valid = validation.valid(request);
        Appended<ArtisanDetailsAmended> appended = StatedReason.during(valid.reason(),
                () -> changes.amend(artisanId, valid, region));
        return new AmendedResponse(artisanId, appended.result().amendedFields(), appended.version(), appended.position());
    }

    @PostMapping(path = "/{artisanId}/relocation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "relocateArtisan", summary = "Relocate an artisan to another province",
            description = "Moves the artisan to `provinceCode` with its new `address`. Region and chamber follow the "
                    + "province: from this command on, the clerks of the old region can no longer read or write the "
                    + "record and the clerks of the new region can. The NIA and the card keep their numbers. "
                    + "Memberships of the old province's bodies end (cause RELOCATED). Only the clerks of the "
                    + "artisan's region before the move may record it. The same province gets 409 "
                    + "`relocation-needs-another-province` (use an amendment); a STRUCK_OFF artisan 409 "
                    + "`artisan-struck-off`." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Relocated")
    @ApiResponse(responseCode = "400", description = "Unknown province, missing address")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the artisan's current region")
    @ApiResponse(responseCode = "404", description = "No such artisan")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: relocation-needs-another-province, "
            + "artisan-struck-off, personal-data-erased")
    public RelocatedResponse relocate(@PathVariable String artisanId, @RequestBody(required = false) RelocationRequest request) {
        String region = clerkRegion();
        RelocationRequest valid = validation.valid(request);
        Appended<ArtisanRelocated> appended = StatedReason.during(valid.reason(), () -> changes.relocate(artisanId,
                new ArtisanChanges.RelocationRequestData(valid.provinceCode(), valid.address()), region));
        ArtisanRelocated relocated = appended.result();
        return new RelocatedResponse(artisanId, relocated.provinceCode(), relocated.regionCode(), appended.version(),
                appended.position());
    }

    @PostMapping(path = "/{artisanId}/master-artisan-status", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "grantMasterArtisanStatus", summary = "Grant master-artisan (maâlem) status",
            description = "Category MASTER_ARTISAN on an attestation (`evidenceRef`) of at least 10 years of effective "
                    + "practice (Law 50.17 per the RNA FAQ; `register.policy.master-artisan-years`). The years may not "
                    + "exceed the artisan's age (400). Fewer years: 409 `master-artisan-years`; already a master "
                    + "artisan: 409 `already-master-artisan`; not ACTIVE: 409 `artisan-must-be-active`."
                    + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Granted")
    @ApiResponse(responseCode = "400", description = "Missing or implausible years, missing evidence")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the artisan's current region")
    @ApiResponse(responseCode = "404", description = "No such artisan")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: master-artisan-years, "
            + "already-master-artisan, artisan-must-be-active")
    public MasterArtisanResponse grantMasterArtisanStatus(@PathVariable String artisanId,
                                                          @RequestBody(required = false) MasterArtisanRequest request) {
        String region = clerkRegion();
        MasterArtisanRequest valid = validation.valid(request);
        Appended<MasterArtisanStatusGranted> appended = StatedReason.during(valid.reason(),
                () -> changes.grantMasterStatus(artisanId, valid.yearsOfPractice(), valid.evidenceRef(), region));
        return new MasterArtisanResponse(artisanId, ArtisanCategory.MASTER_ARTISAN, appended.result().yearsOfPractice(),
                appended.version(), appended.position());
    }

    @PostMapping(path = "/{artisanId}/diploma-evidence", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "recordDiplomaEvidence", summary = "Record and check diploma-route evidence",
            description = "Records the evidence of the diploma a DIPLOMA-route artisan registered with "
                    + "(DiplomaEvidenceRecorded) and checks it against the registered `diplomaRef` "
                    + "(DiplomaEvidenceChecked): CONFIRMED when they name the same diploma (case, blanks and "
                    + "separators ignored), MISMATCH otherwise, a case for the qualification committee. An "
                    + "EXPERIENCE-route artisan gets 409 `diploma-route-only`; a STRUCK_OFF artisan 409 "
                    + "`artisan-struck-off`." + VERSION_POSITION)
    @ApiResponse(responseCode = "201", description = "Recorded and checked")
    @ApiResponse(responseCode = "400", description = "Missing field")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the artisan's current region")
    @ApiResponse(responseCode = "404", description = "No such artisan")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: diploma-route-only, "
            + "artisan-struck-off, personal-data-erased")
    public DiplomaEvidenceResponse recordDiplomaEvidence(@PathVariable String artisanId,
                                                         @RequestBody(required = false) DiplomaEvidenceRequest request) {
        String region = clerkRegion();
        DiplomaEvidenceRequest valid = validation.valid(request);
        Appended<DiplomaEvidenceChecked> appended = commands.send(new RecordDiplomaEvidence(artisanId, valid.diplomaRef(),
                valid.issuer(), valid.evidenceRef(), region), artisanId, DiplomaEvidenceChecked.class);
        DiplomaEvidenceChecked checked = appended.result();
        // The recorded reference is sealed; the clerk who gave it is shown what it was checked as.
        return new DiplomaEvidenceResponse(artisanId, valid.diplomaRef().strip(), checked.outcome(), checked.detail(),
                appended.version(), appended.position());
    }

    @DeleteMapping(path = "/{artisanId}/memberships/{bodyId}")
    @Operation(operationId = "leaveProfessionalBody", summary = "Leave a professional body",
            description = "Ends the artisan's membership of the body (cause LEFT). The membership stays in the "
                    + "artisan's history with its start and end. Not a member: 409 `not-a-member`." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Left")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the artisan's current region, or a "
            + "body of another region; an unknown body is answered alike, so that the answer does not tell another "
            + "region's body exists")
    @ApiResponse(responseCode = "404", description = "No such artisan")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: not-a-member")
    public MembershipEndedResponse leave(@PathVariable String artisanId, @PathVariable String bodyId,
                                         @Parameter(description = "Why the artisan leaves; optional, at most "
                                                 + StatedReason.MAX_LENGTH + " characters, shown in the history")
                                         @RequestParam(required = false) String reason) {
        String region = clerkRegion();
        return MembershipEndedResponse.of(StatedReason.during(reason, () -> commands.send(
                new LeaveProfessionalBody(artisanId, bodyId, region), artisanId, ProfessionalBodyMembershipEnded.class)));
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
