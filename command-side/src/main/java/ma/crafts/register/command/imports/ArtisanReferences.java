package ma.crafts.register.command.imports;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import ma.crafts.register.command.artisan.ApplicantRules;
import ma.crafts.register.command.artisan.ArtisanRecords;
import ma.crafts.register.command.artisan.CinReservations;
import ma.crafts.register.command.imports.RowReasons.Reason;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.platform.privacy.PersonalDataVault;

/**
 * A row's artisan, named as the chambers' files name one: by its CIN ({@code <prefix>_cin}) or its NIA
 * ({@code <prefix>_nia}), either or both. Looked up in the register's own guards (the CIN reservations, the issued
 * NIAs) and its event store, never in a read model.
 */
final class ArtisanReferences {
    /** Also what a clerk is told of another region's artisan: the answer must not show that it exists. */
    private static final String UNKNOWN = "no artisan of the region is registered under this CIN or NIA";
    private static final String NEITHER = "give the artisan's CIN or NIA";
    private static final String DIFFERENT = "the CIN and the NIA name different artisans";

    private final CinReservations cinReservations;
    private final IssuedNumbers issuedNumbers;
    private final ArtisanRecords records;
    private final PersonalDataVault vault;

    ArtisanReferences(CinReservations cinReservations, IssuedNumbers issuedNumbers, ArtisanRecords records,
                      PersonalDataVault vault) {
        this.cinReservations = cinReservations;
        this.issuedNumbers = issuedNumbers;
        this.records = records;
        this.vault = vault;
    }

    static List<String> columns(String prefix) {
        return List.of(prefix + "_cin", prefix + "_nia");
    }

    /** The region of the artisan the row names, for a job that names none; null when it names no known artisan. */
    String regionOf(ImportedRow row, String prefix) {
        return byCin(row.value(prefix + "_cin")).or(() -> byNia(row.value(prefix + "_nia"))).flatMap(records::current)
                .map(ArtisanRecords.Current::regionCode).orElse(null);
    }

    /**
     * The artisan the row names, if it is registered in {@code region}; otherwise a reason. Another region's artisan
     * counts as unknown, also when the row's CIN and NIA are compared, so that no answer shows it exists (nor does a
     * row whose clerk has no region name any artisan).
     */
    Optional<ArtisanRecords.Current> resolve(ImportedRow row, String prefix, String region, List<Reason> reasons) {
        String cin = row.value(prefix + "_cin");
        String nia = row.value(prefix + "_nia");
        if (cin == null && nia == null) {
            reasons.add(new Reason(prefix + "_cin", NEITHER));
            return Optional.empty();
        }
        Optional<ArtisanRecords.Current> byCin = inRegion(byCin(cin), region);
        Optional<ArtisanRecords.Current> byNia = inRegion(byNia(nia), region);
        boolean bothGiven = cin != null && nia != null;
        if (bothGiven && (byCin.isPresent() || byNia.isPresent()) && !byCin.equals(byNia)) {
            reasons.add(new Reason(prefix + "_nia", DIFFERENT));
            return Optional.empty();
        }
        Optional<ArtisanRecords.Current> artisan = byCin.or(() -> byNia);
        if (artisan.isEmpty()) {
            reasons.add(new Reason(cin != null ? prefix + "_cin" : prefix + "_nia", UNKNOWN));
        }
        return artisan;
    }

    private Optional<ArtisanRecords.Current> inRegion(Optional<String> artisanId, String region) {
        return artisanId.flatMap(records::current).filter(found -> Objects.equals(region, found.regionCode()));
    }

    private Optional<String> byCin(String cin) {
        return cin == null ? Optional.empty()
                : cinReservations.holderOf(vault.cinFingerprint(ApplicantRules.normaliseCin(cin)));
    }

    private Optional<String> byNia(String nia) {
        return nia == null ? Optional.empty()
                : issuedNumbers.holderOf(IssuedNumbers.Kind.NIA, nia.strip().toUpperCase(Locale.ROOT));
    }
}
