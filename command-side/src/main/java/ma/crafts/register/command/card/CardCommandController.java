package ma.crafts.register.command.card;

import static ma.crafts.register.command.CommandResponses.VERSION_POSITION;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.OptionalReasonRequest;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.command.StatedReason;
import ma.crafts.register.command.artisan.ReinstateCard;
import ma.crafts.register.command.artisan.ReportCardLost;
import ma.crafts.register.command.artisan.RevokeCard;
import ma.crafts.register.command.artisan.SuspendCard;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.artisan.CardRenewed;
import ma.crafts.register.events.artisan.CardReplaced;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.values.CardStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Professional cards: issue, renewal, suspension and reinstatement, revocation, loss and replacement. Chamber clerks
 * only, for artisans of their region. Card paths find the holder through the nationwide register of issued numbers.
 */
@RestController
@Tag(name = "Cards: commands", description = "Professional cards (البطاقة المهنية). CHAMBER_CLERK only, for artisans "
        + "whose current province is in the clerk's region. A card is valid only while its own status is VALID, its "
        + "last valid day has not passed and its holder is ACTIVE; a card reaching the end of its last valid day "
        + "(Morocco time) is recorded EXPIRED by the register's card-expiry deadline. Commands on a card other than "
        + "the holder's current one get 409 `card-superseded`.")
public class CardCommandController {

    private static final String CHECK_CODE = "The unguessable code the card's QR holds (128 random bits, URL-safe "
            + "base64): the public check is `GET /api/v1/card-checks/{checkCode}`";

    public record CardIssuedResponse(String artisanId,
                                     @Schema(description = "Provisional format C{region}-{year}-{number}-{Luhn digit}",
                                             example = "C07-2026-000045-3") String cardNumber,
                                     LocalDate validFrom,
                                     @Schema(description = "Last day of validity (inclusive)") LocalDate validUntil,
                                     @Schema(description = CHECK_CODE) String checkCode,
                                     long version, long position) {
    }

    public record CardRenewedResponse(String artisanId, String cardNumber, CardStatus status,
                                      LocalDate previousValidUntil,
                                      @Schema(description = "New last day of validity (inclusive)") LocalDate validUntil,
                                      @Schema(description = "The renewed card's new check code; the previous one "
                                              + "no longer verifies") String checkCode,
                                      long version, long position) {
    }

    public record CardStatusResponse(String artisanId, String cardNumber, CardStatus status, long version,
                                     long position) {
    }

    public record CardReplacedResponse(String artisanId,
                                       @Schema(description = "The new card's number") String cardNumber,
                                       @Schema(description = "The lost card, which stays LOST") String replacedCardNumber,
                                       LocalDate validFrom,
                                       @Schema(description = "The lost card's last valid day, kept") LocalDate validUntil,
                                       @Schema(description = CHECK_CODE) String checkCode,
                                       long version, long position) {
    }

    public record CardReasonRequest(@NotBlank @Size(max = 500) String reason) {
    }

    private final CardIssuing issuing;
    private final CommandGatewayReceipts commands;
    private final AccessPolicy access;
    private final CurrentActor actor;
    private final RequestValidation validation;

    public CardCommandController(CardIssuing issuing, CommandGatewayReceipts commands, AccessPolicy access,
                                 CurrentActor actor, RequestValidation validation) {
        this.issuing = issuing;
        this.commands = commands;
        this.access = access;
        this.actor = actor;
        this.validation = validation;
    }

    @PostMapping(path = "/api/v1/artisans/{artisanId}/cards", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "issueCard", summary = "Issue a professional card",
            description = "Issues a card valid from today for the configured period (`register.policy.card-validity`, "
                    + "provisionally P5Y: no official duration was found). The artisan must be ACTIVE and hold no valid "
                    + "card, else 409 rule-violation; a card under suspension must be reinstated or revoked first "
                    + "(`card-suspended`). The card number is unique nationwide and gap-free per region and "
                    + "year." + VERSION_POSITION)
    @ApiResponse(responseCode = "201", description = "Issued; `Location` is the card's public verification")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the artisan's current region")
    @ApiResponse(responseCode = "404", description = "No such artisan")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: artisan-must-be-active, one-valid-card "
            + "or card-suspended")
    public ResponseEntity<CardIssuedResponse> issue(@PathVariable String artisanId) {
        Appended<CardIssued> appended = issuing.issue(artisanId);
        CardIssued card = appended.result();
        return ResponseEntity.created(URI.create("/api/v1/cards/" + card.cardNumber() + "/verification"))
                .body(new CardIssuedResponse(artisanId, card.cardNumber(), card.validFrom(), card.validUntil(),
                        card.checkCode(), appended.version(), appended.position()));
    }

    @PostMapping(path = "/api/v1/cards/{cardNumber}/renewal", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "renewCard", summary = "Renew a card",
            description = "Gives the card a new last valid day. A VALID card may be renewed from "
                    + "`register.policy.card-renewal-window` (provisionally P3M) before its last valid day and keeps "
                    + "the days it had left: the new period starts the day after. An EXPIRED card may be renewed for "
                    + "`register.policy.card-renewal-grace` (provisionally P6M) after its last valid day, with a new "
                    + "period from today; later, issue a new card. The holder must be ACTIVE." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Renewed")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the holder's current region")
    @ApiResponse(responseCode = "404", description = "No such card")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: card-renewal-too-early, "
            + "card-renewal-grace-passed, card-not-renewable, artisan-must-be-active, card-superseded")
    public CardRenewedResponse renew(@PathVariable String cardNumber,
                                     @RequestBody(required = false) OptionalReasonRequest request) {
        Appended<CardRenewed> appended = StatedReason.during(OptionalReasonRequest.of(request),
                () -> issuing.renew(cardNumber));
        CardRenewed renewed = appended.result();
        return new CardRenewedResponse(renewed.artisanId(), cardNumber, CardStatus.VALID, renewed.previousValidUntil(),
                renewed.validUntil(), renewed.checkCode(), appended.version(), appended.position());
    }

    @PostMapping(path = "/api/v1/cards/{cardNumber}/suspension", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "suspendCard", summary = "Suspend a card",
            description = "Card SUSPENDED with a `reason`: it verifies as invalid until reinstated. Only a VALID card."
                    + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Suspended")
    @ApiResponse(responseCode = "404", description = "No such card")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: card-suspended, card-expired, "
            + "card-revoked, card-lost, card-superseded")
    public CardStatusResponse suspend(@PathVariable String cardNumber,
                                      @RequestBody(required = false) CardReasonRequest request) {
        return withReason(cardNumber, request, CardStatus.SUSPENDED,
                (artisanId, region, reason) -> new SuspendCard(artisanId, cardNumber, reason, region));
    }

    @PostMapping(path = "/api/v1/cards/{cardNumber}/reinstatement", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "reinstateCard", summary = "Lift a card's suspension",
            description = "Card VALID again, with a `reason`. Only a SUSPENDED card whose last valid day has not "
                    + "passed." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Reinstated")
    @ApiResponse(responseCode = "404", description = "No such card")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: card-not-suspended, card-expired, "
            + "card-revoked, card-lost, card-superseded")
    public CardStatusResponse reinstate(@PathVariable String cardNumber,
                                        @RequestBody(required = false) CardReasonRequest request) {
        return withReason(cardNumber, request, CardStatus.VALID,
                (artisanId, region, reason) -> new ReinstateCard(artisanId, cardNumber, reason, region));
    }

    @PostMapping(path = "/api/v1/cards/{cardNumber}/revocation", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "revokeCard", summary = "Revoke a card",
            description = "Card REVOKED with a `reason`, final. A VALID, SUSPENDED or EXPIRED card." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "No such card")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: card-revoked, card-lost, card-superseded")
    public CardStatusResponse revoke(@PathVariable String cardNumber,
                                     @RequestBody(required = false) CardReasonRequest request) {
        return withReason(cardNumber, request, CardStatus.REVOKED,
                (artisanId, region, reason) -> new RevokeCard(artisanId, cardNumber, reason, region));
    }

    @PostMapping(path = "/api/v1/cards/{cardNumber}/loss-report", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "reportCardLost", summary = "Report a card lost",
            description = "Card LOST, final: it verifies as invalid from now on. Only a VALID card (a suspended card "
                    + "is revoked instead, so a replacement cannot lift its suspension)." + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Reported lost")
    @ApiResponse(responseCode = "404", description = "No such card")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: card-suspended, card-expired, "
            + "card-revoked, card-lost, card-superseded")
    public CardStatusResponse reportLost(@PathVariable String cardNumber,
                                         @RequestBody(required = false) OptionalReasonRequest request) {
        String region = clerkRegion();
        String artisanId = issuing.holderOf(cardNumber);
        Appended<Object> appended = StatedReason.during(OptionalReasonRequest.of(request),
                () -> commands.send(new ReportCardLost(artisanId, cardNumber, region), artisanId, Object.class));
        return new CardStatusResponse(artisanId, cardNumber, CardStatus.LOST, appended.version(), appended.position());
    }

    @PostMapping(path = "/api/v1/cards/{cardNumber}/replacement", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "replaceCard", summary = "Replace a lost card",
            description = "Issues a new card, with a new number, for a card reported LOST; the lost card stays LOST and "
                    + "verifies as invalid. The new card is valid from today until the lost card's last valid day (a "
                    + "loss does not extend validity; once that day has passed, issue a new card). The holder must be "
                    + "ACTIVE." + VERSION_POSITION)
    @ApiResponse(responseCode = "201", description = "Replaced; `Location` is the new card's public verification")
    @ApiResponse(responseCode = "403", description = "Not a chamber clerk of the holder's current region")
    @ApiResponse(responseCode = "404", description = "No such card")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: card-must-be-reported-lost, "
            + "card-expired, artisan-must-be-active, card-superseded")
    public ResponseEntity<CardReplacedResponse> replace(@PathVariable String cardNumber,
                                                        @RequestBody(required = false) OptionalReasonRequest request) {
        Appended<CardReplaced> appended = StatedReason.during(OptionalReasonRequest.of(request),
                () -> issuing.replace(cardNumber));
        CardReplaced replaced = appended.result();
        return ResponseEntity.created(URI.create("/api/v1/cards/" + replaced.cardNumber() + "/verification"))
                .body(new CardReplacedResponse(replaced.artisanId(), replaced.cardNumber(),
                        replaced.replacedCardNumber(), replaced.validFrom(), replaced.validUntil(), replaced.checkCode(),
                        appended.version(), appended.position()));
    }

    private interface ReasonCommand {
        Object of(String artisanId, String region, String reason);
    }

    private CardStatusResponse withReason(String cardNumber, CardReasonRequest request, CardStatus after,
                                          ReasonCommand command) {
        String region = clerkRegion();
        String reason = validation.valid(request).reason();
        String artisanId = issuing.holderOf(cardNumber);
        Appended<Object> appended = commands.send(command.of(artisanId, region, reason), artisanId, Object.class);
        return new CardStatusResponse(artisanId, cardNumber, after, appended.version(), appended.position());
    }

    /** Writes on a card: a clerk with a region; whether it is the holder's region the aggregate decides. */
    private String clerkRegion() {
        String region = actor.region();
        access.requireWriteAccessToRegion(region);
        return region;
    }
}
