package ma.crafts.register.command.card;

import static ma.crafts.register.command.CommandResponses.PROBLEM_JSON;
import static ma.crafts.register.command.CommandResponses.PROBLEM_REF;
import static ma.crafts.register.command.CommandResponses.VERSION_POSITION;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.events.artisan.CardIssued;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Issuing professional cards. Chamber clerks only, for artisans of their region. */
@RestController
@Tag(name = "Cards: commands", description = "Professional cards (البطاقة المهنية). CHAMBER_CLERK only, for artisans "
        + "whose current province is in the clerk's region.")
public class CardCommandController {

    public record CardIssuedResponse(String artisanId,
                                     @Schema(description = "Provisional format C{region}-{year}-{number}-{Luhn digit}",
                                             example = "C07-2026-000045-3") String cardNumber,
                                     LocalDate validFrom,
                                     @Schema(description = "Last day of validity (inclusive)") LocalDate validUntil,
                                     long version, long position) {
    }

    private final CardIssuing issuing;

    public CardCommandController(CardIssuing issuing) {
        this.issuing = issuing;
    }

    @PostMapping(path = "/api/v1/artisans/{artisanId}/cards", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "issueCard", summary = "Issue a professional card",
            description = "Issues a card valid from today for the configured period (`register.policy.card-validity`, "
                    + "provisionally P5Y: no official duration was found). The artisan must be ACTIVE and hold no valid "
                    + "card, else 409 rule-violation. The card number is unique nationwide and gap-free per region and "
                    + "year." + VERSION_POSITION)
    @ApiResponse(responseCode = "201", description = "Issued; `Location` is the card's public verification")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the artisan's current region",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    @ApiResponse(responseCode = "404", description = "No such artisan",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: artisan-must-be-active or one-valid-card",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    public ResponseEntity<CardIssuedResponse> issue(@PathVariable String artisanId) {
        Appended<CardIssued> appended = issuing.issue(artisanId);
        CardIssued card = appended.result();
        return ResponseEntity.created(URI.create("/api/v1/cards/" + card.cardNumber() + "/verification"))
                .body(new CardIssuedResponse(artisanId, card.cardNumber(), card.validFrom(), card.validUntil(),
                        appended.version(), appended.position()));
    }
}
