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
import ma.crafts.register.platform.security.CurrentActor;

/**
 * Cards: a row names an artisan (by CIN or NIA) and asks for what {@code POST /api/v1/artisans/{artisanId}/cards}
 * does, through the same {@link CardIssuing}. An artisan who already holds a valid card is already present: a row run
 * again, after a crash or in a second import, issues nothing. A dry run checks that the artisan is the region's.
 */
final class CardRows implements RowMapper {
    private static final String ARTISAN = "artisan";
    private static final String ONE_VALID_CARD = "one-valid-card";
    private static final List<String> COLUMNS = ArtisanReferences.columns(ARTISAN);
    private static final List<String> EXAMPLE = List.of("EE123456", "");
    private static final Set<String> PERSONAL = Set.of(ARTISAN + "_cin");

    private final ArtisanReferences artisans;
    private final CardIssuing issuing;
    private final CurrentActor actor;

    CardRows(ArtisanReferences artisans, CardIssuing issuing, CurrentActor actor) {
        this.artisans = artisans;
        this.issuing = issuing;
        this.actor = actor;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.CARDS;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> example() {
        return EXAMPLE;
    }

    @Override
    public Set<String> personalColumns() {
        return PERSONAL;
    }

    @Override
    public String regionOf(ImportedRow row) {
        return artisans.regionOf(row, ARTISAN);
    }

    @Override
    public RowOutcome apply(ImportedRow row, boolean dryRun) {
        List<Reason> reasons = new ArrayList<>();
        Optional<ArtisanRecords.Current> artisan = artisans.resolve(row, ARTISAN, actor.region(), reasons);
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
