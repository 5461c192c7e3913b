package ma.crafts.register.command.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import ma.crafts.register.command.artisan.ArtisanRecords;
import ma.crafts.register.command.card.CardIssuing;
import ma.crafts.register.command.imports.RowReasons.Reason;
import ma.crafts.register.errors.RuleViolationException;

/**
 * Cards: a row names an artisan (by CIN or NIA) and asks for what {@code POST /api/v1/artisans/{artisanId}/cards}
 * does, through the same {@link CardIssuing}. An artisan who already holds a valid card is already present: a row run
 * again, after a crash or in a second import, issues nothing. A dry run checks that the artisan is the region's.
 */
final class CardRows extends DeclaredRows {
    private static final String ARTISAN = "artisan";
    private static final String ONE_VALID_CARD = "one-valid-card";

    private final ArtisanReferences artisans;
    private final CardIssuing issuing;
    private final ActingRegion actingRegion;

    CardRows(ArtisanReferences artisans, CardIssuing issuing, ActingRegion actingRegion) {
        super(ImportKind.CARDS, ArtisanReferences.columns(ARTISAN), List.of("EE123456", ""), Set.of(ARTISAN + "_cin"));
        this.artisans = artisans;
        this.issuing = issuing;
        this.actingRegion = actingRegion;
    }

    @Override
    public String regionOf(ImportedRow row) {
        return artisans.regionOf(row, ARTISAN);
    }

    @Override
    public RowOutcome apply(ImportedRow row, boolean dryRun) {
        List<Reason> reasons = new ArrayList<>();
        Optional<ArtisanRecords.Current> artisan = artisans.resolve(row, ARTISAN, actingRegion.current(), reasons);
        if (artisan.isEmpty()) {
            return RowOutcome.rejected(reasons);
        }
        if (dryRun) {
            return RowOutcome.ACCEPTED;
        }
        return RowRules.outcome(UnaryOperator.identity(), ARTISAN + "_cin", () -> {
            try {
                issuing.issue(artisan.get().artisanId());
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
