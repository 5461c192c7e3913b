package ma.crafts.register.command.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ma.crafts.register.command.artisan.ArtisanRecords;
import ma.crafts.register.command.imports.RowReasons.Reason;

/**
 * A kind whose rows act on an artisan the row names by CIN or NIA ({@code artisan_cin}, {@code artisan_nia}, first
 * in the header): the row is the artisan's region's, and a row naming an unknown artisan, or another region's than
 * its clerk's, is rejected alike before anything else.
 */
abstract class RowsNamingAnArtisan extends DeclaredRows {
    static final String ARTISAN = "artisan";

    private final ArtisanReferences artisans;
    private final ActingRegion actingRegion;

    /**
     * @param otherColumns what the kind's rows hold besides the artisan's CIN and NIA
     * @param otherExample their values in the template's example row, which names the artisan by CIN
     */
    RowsNamingAnArtisan(ImportKind kind, List<String> otherColumns, List<String> otherExample,
                        ArtisanReferences artisans, ActingRegion actingRegion) {
        super(kind, concat(ArtisanReferences.columns(ARTISAN), otherColumns),
                concat(List.of("EE123456", ""), otherExample), Set.of(ARTISAN + "_cin"));
        this.artisans = artisans;
        this.actingRegion = actingRegion;
    }

    /** What the row asks of its artisan, as a clerk of {@code region}. */
    abstract RowOutcome apply(ImportedRow row, String artisanId, String region, boolean dryRun);

    @Override
    public final String regionOf(ImportedRow row) {
        return artisans.regionOf(row, ARTISAN);
    }

    @Override
    public final RowOutcome apply(ImportedRow row, boolean dryRun) {
        List<Reason> reasons = new ArrayList<>();
        String region = actingRegion.current();
        Optional<ArtisanRecords.Current> artisan = artisans.resolve(row, ARTISAN, region, reasons);
        return artisan.isEmpty() ? RowOutcome.rejected(reasons)
                : apply(row, artisan.get().artisanId(), region, dryRun);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
