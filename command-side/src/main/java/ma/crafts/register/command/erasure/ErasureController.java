package ma.crafts.register.command.erasure;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.command.erasure.PersonalDataErasure.Holder;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.Role;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure of personal data (Law 09-08) of artisans, cooperatives and enterprises: registry administrators only. A
 * second erasure of the same actor is refused (409 {@code personal-data-already-erased}) rather than recorded twice:
 * the first one's record, with its reason and legal basis, is the one that took effect.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Personal data", description = "Erasure under Law 09-08. REGISTRY_ADMIN only.")
public class ErasureController {

    public record ErasureRequest(
            @Schema(description = "Why the data is erased, e.g. the data subject's request and its date")
            @NotBlank @Size(max = 500) String reason,
            @Schema(description = "The legal text the erasure rests on", example = "Loi 09-08, art. 8")
            @NotBlank @Size(max = 200) String legalBasis) {
    }

    @Schema(name = "PersonalDataErasedResponse")
    public record ErasedResponse(String actorId, boolean personalDataErased, long version, long position) {
    }

    private static final String DESCRIPTION = "Records a PersonalDataErased event (the reason and legal basis, no "
            + "personal data), then destroys the actor's key, so that the personal data sealed anywhere in its "
            + "history can no longer be opened, its CIN reservation, and the stored idempotent responses of "
            + "requests on it. The history and its hash chain stay intact; the view shows personalDataErased. "
            + "`reason` and `legalBasis` are required (400). Already erased: 409 `personal-data-already-erased`.";

    private final PersonalDataErasure erasure;
    private final AccessPolicy access;
    private final RequestValidation validation;

    public ErasureController(PersonalDataErasure erasure, AccessPolicy access, RequestValidation validation) {
        this.erasure = erasure;
        this.access = access;
        this.validation = validation;
    }

    @DeleteMapping(path = "/artisans/{artisanId}/personal-data")
    @Operation(operationId = "eraseArtisanPersonalData", summary = "Erase an artisan's personal data",
            description = DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "Erased")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: personal-data-already-erased")
    public ErasedResponse eraseArtisan(@PathVariable String artisanId,
                                       @RequestBody(required = false) ErasureRequest request) {
        return erase(Holder.ARTISAN, artisanId, request);
    }

    @DeleteMapping(path = "/cooperatives/{id}/personal-data")
    @Operation(operationId = "eraseCooperativePersonalData",
            summary = "Erase the personal data of a cooperative's representative", description = DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "Erased")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: personal-data-already-erased")
    public ErasedResponse eraseCooperative(@PathVariable("id") String cooperativeId,
                                           @RequestBody(required = false) ErasureRequest request) {
        return erase(Holder.COOPERATIVE, cooperativeId, request);
    }

    @DeleteMapping(path = "/enterprises/{id}/personal-data")
    @Operation(operationId = "eraseEnterprisePersonalData",
            summary = "Erase the personal data of an enterprise's representative", description = DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "Erased")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: personal-data-already-erased")
    public ErasedResponse eraseEnterprise(@PathVariable("id") String enterpriseId,
                                          @RequestBody(required = false) ErasureRequest request) {
        return erase(Holder.ENTERPRISE, enterpriseId, request);
    }

    private ErasedResponse erase(Holder holder, String actorId, ErasureRequest request) {
        access.requireAnyRole(Role.REGISTRY_ADMIN);
        ErasureRequest valid = validation.valid(request);
        Appended<PersonalDataErased> erased = erasure.erase(holder, actorId, valid.reason().strip(),
                valid.legalBasis().strip());
        return new ErasedResponse(actorId, true, erased.version(), erased.position());
    }
}
