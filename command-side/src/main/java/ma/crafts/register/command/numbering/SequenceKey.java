package ma.crafts.register.command.numbering;

import java.util.Objects;

/**
 * One gap-free numbering series: numbers restart at 1 for every {@code series} (e.g. {@code NIA}, {@code CARD}),
 * region and year.
 */
public record SequenceKey(String series, String regionCode, int year) {
    public SequenceKey {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(regionCode, "regionCode");
        if (year < 2000 || year > 9999) {
            throw new IllegalArgumentException("year out of range: " + year);
        }
    }

    /** The stable storage key, e.g. {@code NIA:MA-07:2026}. */
    public String id() {
        return series + ":" + regionCode + ":" + year;
    }
}
