package ma.crafts.register.query.card;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.query.QueryParameters;
import ma.crafts.register.values.CardCheckCode;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryCardVerificationController")
@Tag(name = "Card verification", description = "Public checks of a professional card: by its number, or by the "
        + "unguessable code its QR holds")
public class CardVerificationController {

    private final CardVerificationService service;

    public CardVerificationController(CardVerificationService service) {
        this.service = service;
    }

    @GetMapping(path = "/api/v1/cards/{cardNumber}/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "Verify a professional card (public, no token)",
            description = "Answers only whether the card is valid, its status and last valid day: card numbers are "
                    + "sequential, so nothing about the holder is given here. The card's QR code holds an unguessable "
                    + "code whose check (`/api/v1/card-checks/{code}`) says more.")
    @ApiResponse(responseCode = "200", description = "The card's verification")
    public CardVerification verify(
            @PathVariable String cardNumber,
            @Parameter(description = "Global position to wait for (at most 5 s)",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @RequestParam(required = false) String minPosition) {
        return service.verify(QueryParameters.identifier("cardNumber", cardNumber),
                QueryParameters.minPosition(minPosition));
    }

    @GetMapping(path = "/api/v1/card-checks/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "Check a professional card by the code its QR holds (public, no token)",
            description = "The code is 128 random bits issued with the card and renewed with it: a renewal gives a new "
                    + "code and the previous one is unknown from then on (404). Answers the card's validity, the "
                    + "holder's activity and initials, and the benefit programmes the holder is eligible for today.")
    @ApiResponse(responseCode = "200", description = "The card's check")
    @ApiResponse(responseCode = "404", description = "No current card carries this code")
    public CardCheck check(
            @Parameter(description = "The card's check code (22 characters, URL-safe base64)")
            @PathVariable String code) {
        if (!CardCheckCode.isWellFormed(code)) {
            throw new InvalidInputException("code", "is not a card check code");
        }
        return service.check(code);
    }
}
