package ma.crafts.register.command.body;

import static ma.crafts.register.command.CommandResponses.PROBLEM_JSON;
import static ma.crafts.register.command.CommandResponses.PROBLEM_REF;
import static ma.crafts.register.command.CommandResponses.VERSION_POSITION;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.values.BodyLevel;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Constituting professional bodies (Law 50.17 art. 11). */
@RestController
@RequestMapping(path = "/api/v1/professional-bodies", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Professional bodies: commands", description = "Professional bodies (الهيئات الحرفية), one per branch and "
        + "territory, at provincial, regional and national level.")
public class ProfessionalBodyCommandController {

    public record ConstitutedResponse(String bodyId, BodyLevel level, String branchCode, String territoryCode,
                                      long version, long position) {
    }

    private final BodyConstitution constitution;
    private final RequestValidation validation;

    public ProfessionalBodyCommandController(BodyConstitution constitution, RequestValidation validation) {
        this.constitution = constitution;
        this.validation = validation;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "constituteProfessionalBody", summary = "Constitute a professional body",
            description = "Records a body's constituent assembly. `territoryCode` is a province code for PROVINCIAL, a "
                    + "region code for REGIONAL and `MA` for NATIONAL; `branchCode` must be a branch of the current "
                    + "nomenclature; `name` needs Arabic and French. Who may: REGISTRY_ADMIN for any body, and a "
                    + "CHAMBER_CLERK for the provincial and regional bodies of its own region, because the regional "
                    + "chambers co-organise the constituent assemblies; national bodies need REGISTRY_ADMIN. AUDITOR and "
                    + "MINISTRY_ANALYST get 403. There is one body per branch and territory: the `bodyId` is derived "
                    + "from them, and a second constitution gets 409 rule-violation "
                    + "`one-body-per-branch-and-territory`." + VERSION_POSITION)
    @ApiResponse(responseCode = "201", description = "Constituted")
    @ApiResponse(responseCode = "400", description = "Unknown branch, territory not matching the level, missing name",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    @ApiResponse(responseCode = "403", description = "Not REGISTRY_ADMIN, nor a CHAMBER_CLERK of the body's region",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: one-body-per-branch-and-territory",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    public ResponseEntity<ConstitutedResponse> constitute(@RequestBody(required = false) ConstituteBodyRequest request) {
        constitution.requireMayConstitute();
        BodyConstitution.Constituted body = constitution.constitute(validation.valid(request));
        return ResponseEntity.created(URI.create("/api/v1/professional-bodies/" + body.bodyId()))
                .body(new ConstitutedResponse(body.bodyId(), body.level(), body.branchCode(), body.territoryCode(),
                        body.appended().version(), body.appended().position()));
    }
}
