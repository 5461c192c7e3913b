package ma.crafts.register.bench.http;

import java.util.List;

/**
 * Unique CINs without bookkeeping: the n-th applicant of a namespace gets a CIN computed from n, and no two n of any
 * namespace give the same CIN. The pre-fill and the HTTP load use different prefix sets, so the load never collides
 * with the pre-filled register, and a load run that starts where the previous one stopped never collides either.
 */
public enum Cins {
    /** Applicants registered by the pre-fill generator. */
    PREFILL(List.of("A", "AB", "AD", "B", "BE", "BH", "BJ", "BK", "C", "CB", "D", "DA", "E", "EE", "F", "G", "J",
            "JB", "K", "L")),
    /** Applicants registered over HTTP by the load client. */
    HTTP(List.of("H", "HA", "I", "IA", "M", "N", "P", "Q")),
    /** Applicants in the files of bench/import.sh (bench.imports.ArtisanRows). */
    IMPORT(List.of("R", "S", "SA", "SB", "SH", "T", "TA", "U", "V", "W", "X", "Y", "Z", "ZT"));

    private static final int NUMBERS_PER_PREFIX = 1_000_000;
    /** Odd and not a multiple of 5, so multiplying by it permutes 0..999 999: numbers look scattered, not sequential. */
    private static final long SCATTER = 738_917;

    private final List<String> prefixes;

    Cins(List<String> prefixes) {
        this.prefixes = prefixes;
    }

    public long capacity() {
        return (long) prefixes.size() * NUMBERS_PER_PREFIX;
    }

    /** The CIN of applicant {@code n}: 1-2 letters then 1-6 digits, as the register requires. */
    public String cin(long n) {
        if (n < 0 || n >= capacity()) {
            throw new IllegalArgumentException("applicant " + n + " is outside 0.." + (capacity() - 1) + " of " + name());
        }
        String prefix = prefixes.get((int) (n % prefixes.size()));
        long number = (n / prefixes.size()) * SCATTER % NUMBERS_PER_PREFIX;
        return prefix + number;
    }
}
