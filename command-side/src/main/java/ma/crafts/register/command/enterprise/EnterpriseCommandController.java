package ma.crafts.register.command.enterprise;

import static ma.crafts.register.command.CommandResponses.VERSION_POSITION;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.command.cooperative.ActorEnrolment;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Registration of craft enterprises. Chamber clerks only, for enterprises seated in their region. */
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

    private final ActorEnrolment enrolment;
    private final AccessPolicy access;
    private final RequestValidation validation;

    public EnterpriseCommandController(ActorEnrolment enrolment, AccessPolicy access, RequestValidation validation) {
        this.enrolment = enrolment;
        this.access = access;
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
        ActorEnrolment.Enrolled enrolled = enrolment.enrol(checked, (enterpriseId, nia, representative) ->
                new RegisterEnterprise(enterpriseId, nia, checked.name(), checked.provinceCode(),
                        checked.activityCodes(), supervisor, checked.representativeGender(), representative,
                        checked.actingRegion()));
        return ResponseEntity.created(URI.create("/api/v1/enterprises/" + enrolled.actorId()))
                .body(new RegisteredResponse(enrolled.actorId(), enrolled.nia(), ACTIVE, supervisor,
                        enrolled.appended().version(), enrolled.appended().position()));
    }
}
