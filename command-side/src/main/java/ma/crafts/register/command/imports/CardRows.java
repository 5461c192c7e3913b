package ma.crafts.register.command.imports;

import java.util.List;
import java.util.function.UnaryOperator;
import ma.crafts.register.command.card.CardIssuing;
import ma.crafts.register.errors.RuleViolationException;

/**
 * Cards: a row names an artisan (by CIN or NIA) and asks for what {@code POST /api/v1/artisans/{artisanId}/cards}
 * does, through the same {@link CardIssuing}. An artisan who already holds a valid card is already present: a row run
 * again, after a crash or in a second import, issues nothing. A dry run checks that the artisan is the region's.
 */
final class CardRows extends RowsNamingAnArtisan {
    private static final String ONE_VALID_CARD = "one-valid-card";

    private final CardIssuing issuing;

    CardRows(ArtisanReferences artisans, CardIssuing issuing, ActingRegion actingRegion) {
        super(ImportKind.CARDS, List.of(), List.of(), artisans, actingRegion);
        this.issuing = issuing;
    }

    @Override
    RowOutcome apply(ImportedRow row, String artisanId, String region, boolean dryRun) {
        if (dryRun) {
            return RowOutcome.ACCEPTED;
        }
        return RowRules.outcome(UnaryOperator.identity(), ARTISAN + "_cin", () -> {
            try {
                issuing.issue(artisanId);
                return RowOutcome.ACCEPTED;
            } catch (RuleViolationException refused) {
                if (ONE_VALID_CARD.equals(refused.rule())) {
                    return RowOutcome.ALREADY_PRESENT;
                }
                throw refused;
            }
        });
    }
}
