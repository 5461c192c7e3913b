package ma.crafts.register.query.card;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import ma.crafts.register.values.CardStatus;

/**
 * {@code GET /api/v1/card-checks/{code}}: what the card's QR code tells whoever scans it. The code is 128 random bits
 * printed on the card only, so holding it shows one has the card in hand; that is what allows the holder's initials,
 * activity and programmes here, and not in the check by card number.
 */
@Schema(name = "CardCheck")
public record CardCheck(
        @Schema(description = CardVerification.VALID) boolean valid,
        @Schema(description = CardVerification.STATUS) CardStatus status,
        LocalDate validUntil,
        @Schema(description = "The holder's activity in the nomenclature")
        String activityCode,
        @Schema(description = "The holder's initials, e.g. \"F. Z.\"; null once the personal data has been erased",
                example = "F. Z.")
        String holderInitials,
        @ArraySchema(schema = @Schema(description = "A programId", example = "AMO-NON-TAXED"),
                arraySchema = @Schema(description = "The benefit programmes the holder is eligible for today"))
        List<String> eligibleProgrammes,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Why the card is not valid, when it is not; as in the check by card number",
                example = "CARD_LOST")
        String invalidBecause) {

    static CardCheck of(CardVerification verification, String activityCode, String holderInitials,
                        List<String> eligibleProgrammes) {
        return new CardCheck(verification.valid(), verification.status(), verification.validUntil(), activityCode,
                holderInitials, eligibleProgrammes, verification.invalidBecause());
    }
}
