package ma.crafts.register.command.body;

import static ma.crafts.register.command.CommandResponses.VERSION_POSITION;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.command.artisan.ArtisanCommandController.MembershipEndedResponse;
import ma.crafts.register.command.artisan.ExcludeFromProfessionalBody;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;
import ma.crafts.register.events.body.ProfessionalBodyAffiliated;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.values.BodyLevel;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Professional bodies (Law 50.17 art. 11): constitution, affiliation up the hierarchy, exclusion of members. */
@RestController
@RequestMapping(path = "/api/v1/professional-bodies", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Professional bodies: commands", description = "Professional bodies (الهيئات الحرفية), one per branch and "
        + "territory, at provincial, regional and national level.")
public class ProfessionalBodyCommandController {

    public record ConstitutedResponse(String bodyId, BodyLevel level, String branchCode, String territoryCode,
                                      long version, long position) {
    }

    public record AffiliationRequest(
            @Schema(description = "The REGIONAL body of the same branch and region (for a provincial body) or the "
                    + "NATIONAL body of the same branch (for a regional body)") @NotBlank @Size(max = 64) String parentBodyId) {
    }

    public record AffiliatedResponse(String bodyId, BodyLevel level, String parentBodyId, BodyLevel parentLevel,
                                     String branchCode, long version, long position) {
    }

    public record ExclusionRequest(@Schema(description = "The member to exclude") @NotBlank @Size(max = 64) String artisanId,
                                   @Schema(description = "The body's reason") @NotBlank @Size(max = 500) String reason) {
    }

    private final BodyConstitution constitution;
    private final RequestValidation validation;
    private final CommandGatewayReceipts commands;
    private final AccessPolicy access;
    private final CurrentActor actor;

    public ProfessionalBodyCommandController(BodyConstitution constitution, RequestValidation validation,
                                             CommandGatewayReceipts commands, AccessPolicy access, CurrentActor actor) {
        this.constitution = constitution;
        this.validation = validation;
        this.commands = commands;
        this.access = access;
        this.actor = actor;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "constituteProfessionalBody", summary = "Constitute a professional body",
            description = "Records a body's constituent assembly. `territoryCode` is a province code for PROVINCIAL, a "
                    + "region code for REGIONAL and `MA` for NATIONAL; `branchCode` must be a branch of the current "
                    + "nomenclature; `name` needs Arabic and French. Who may: REGISTRY_ADMIN; every other role gets "
                    + "403. There is one body per branch and territory: the `bodyId` is derived "
                    + "from them, and a second constitution gets 409 rule-violation "
                    + "`one-body-per-branch-and-territory`." + VERSION_POSITION)
    @ApiResponse(responseCode = "201", description = "Constituted")
    @ApiResponse(responseCode = "400", description = "Unknown branch, territory not matching the level, missing name")
    @ApiResponse(responseCode = "403", description = "Not REGISTRY_ADMIN")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: one-body-per-branch-and-territory")
    public ResponseEntity<ConstitutedResponse> constitute(@RequestBody(required = false) ConstituteBodyRequest request) {
        constitution.requireMayConstitute();
        BodyConstitution.Constituted body = constitution.constitute(validation.valid(request));
        return ResponseEntity.created(URI.create("/api/v1/professional-bodies/" + body.bodyId()))
                .body(new ConstitutedResponse(body.bodyId(), body.level(), body.branchCode(), body.territoryCode(),
                        body.appended().version(), body.appended().position()));
    }

    @PostMapping(path = "/{bodyId}/affiliation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "affiliateProfessionalBody", summary = "Affiliate a body to the level above",
            description = "Builds the hierarchy of a branch: a PROVINCIAL body affiliates to the REGIONAL body of the "
                    + "same branch and of its province's region, a REGIONAL body to the NATIONAL body of the same "
                    + "branch; a NATIONAL body has no parent. Who may: REGISTRY_ADMIN; every other role gets 403. "
                    + "Refusals are 409 rule-violation: affiliation-level, "
                    + "affiliation-branch-must-match, affiliation-region-must-match, national-body-has-no-parent, "
                    + "already-affiliated." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Affiliated")
    @ApiResponse(responseCode = "400", description = "Missing parentBodyId")
    @ApiResponse(responseCode = "403", description = "Not REGISTRY_ADMIN")
    @ApiResponse(responseCode = "404", description = "No such body or parent body")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: affiliation-level, "
            + "affiliation-branch-must-match, affiliation-region-must-match, national-body-has-no-parent, "
            + "already-affiliated")
    public AffiliatedResponse affiliate(@PathVariable String bodyId,
                                        @RequestBody(required = false) AffiliationRequest request) {
        constitution.requireMayConstitute();
        AffiliationRequest valid = validation.valid(request);
        Appended<ProfessionalBodyAffiliated> appended = commands.send(new AffiliateProfessionalBody(bodyId,
                valid.parentBodyId().strip()), bodyId, ProfessionalBodyAffiliated.class);
        ProfessionalBodyAffiliated affiliated = appended.result();
        return new AffiliatedResponse(bodyId, affiliated.level(), affiliated.parentBodyId(), affiliated.parentLevel(),
                affiliated.branchCode(), appended.version(), appended.position());
    }

    @PostMapping(path = "/{bodyId}/exclusions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "excludeMember", summary = "Record the exclusion of a member",
            description = "Records that the body excluded the artisan `artisanId`, with the body's `reason`: the "
                    + "membership ends (cause EXCLUDED) and stays in the artisan's history. A membership write, so "
                    + "CHAMBER_CLERK of the artisan's current region only. Not a member: 409 `not-a-member`."
                    + VERSION_POSITION)
    @ApiResponse(responseCode = "201", description = "Exclusion recorded")
    @ApiResponse(responseCode = "400", description = "Missing artisanId or reason")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the artisan's current region, or a "
            + "body of another region; an unknown body is answered alike, so that the answer does not tell another "
            + "region's body exists")
    @ApiResponse(responseCode = "404", description = "No such artisan")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: not-a-member")
    public MembershipEndedResponse exclude(@PathVariable String bodyId,
                                           @RequestBody(required = false) ExclusionRequest request) {
        String region = actor.region();
        access.requireWriteAccessToRegion(region);
        ExclusionRequest valid = validation.valid(request);
        String artisanId = valid.artisanId().strip();
        return MembershipEndedResponse.of(commands.send(new ExcludeFromProfessionalBody(artisanId, bodyId,
                valid.reason(), region), artisanId, ProfessionalBodyMembershipEnded.class));
    }
}
