package ma.crafts.register.query.card;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.crafts.register.query.QueryParameters;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryCardVerificationController")
@Tag(name = "Card verification", description = "Public check of a professional card (QR code)")
public class CardVerificationController {

    private final CardVerificationService service;

    public CardVerificationController(CardVerificationService service) {
        this.service = service;
    }

    @GetMapping(path = "/api/v1/cards/{cardNumber}/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "Verify a professional card (public, no token)",
            description = "Answers only whether the card is valid, its status, last valid day, activity and the "
                    + "holder's initials; no other personal data.")
    @ApiResponse(responseCode = "200", description = "The card's verification")
    public CardVerification verify(
            @PathVariable String cardNumber,
            @Parameter(description = "Global position to wait for (at most 5 s)",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @RequestParam(required = false) String minPosition) {
        return service.verify(QueryParameters.identifier("cardNumber", cardNumber),
                QueryParameters.minPosition(minPosition));
    }
}
