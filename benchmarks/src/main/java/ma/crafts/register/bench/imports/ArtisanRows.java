package ma.crafts.register.bench.imports;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import ma.crafts.register.bench.http.Applicants;
import ma.crafts.register.bench.http.Cins;
import ma.crafts.register.command.artisan.RegisterArtisanRequest;

/**
 * The rows of a generated artisans import file: {@link Applicants}' realistic applicants, and a share of rows each
 * broken by one {@link Fault}, the faults taking turns at random. Row {@code n} depends only on n, the seed and the
 * day, so a file can be generated again, or in pieces, and an import's counts checked against {@link Row#fault()}.
 */
public final class ArtisanRows {
    /** How far back a duplicated CIN is taken from: near enough for an import to still hold it in any window. */
    private static final int DUPLICATE_REACH = 5_000;
    private static final List<Fault> FAULTS = List.of(Fault.values());

    /** One row: its values by column, and the fault it carries (null for a valid row). */
    public record Row(long number, Map<String, String> values, Fault fault) {
        public boolean valid() {
            return fault == null;
        }
    }

    private final Applicants applicants;
    private final long seed;
    private final double invalidShare;
    private final LocalDate today;

    /**
     * @param invalidShare the share of rows with a fault, all kinds together, from 0 to 1
     * @param today        the day the import runs: ages count from it
     */
    public ArtisanRows(Applicants applicants, long seed, double invalidShare, LocalDate today) {
        if (!(invalidShare >= 0 && invalidShare <= 1)) {
            throw new IllegalArgumentException("the invalid share must be from 0 to 1, got " + invalidShare);
        }
        this.applicants = applicants;
        this.seed = seed;
        this.invalidShare = invalidShare;
        this.today = today;
    }

    public Row row(long n) {
        SplittableRandom random = randomOf(n);
        Map<String, String> values = valuesOf(applicants.applicant(Cins.IMPORT, n, seed).request());
        Fault fault = faultOf(n, random);
        if (fault != null) {
            fault.apply(values, new Fault.Context() {
                @Override
                public LocalDate today() {
                    return today;
                }

                @Override
                public int pick(int bound) {
                    return random.nextInt(bound);
                }

                @Override
                public String earlierCin() {
                    return applicants.applicant(Cins.IMPORT, earlierValidRow(n, random), seed).request().cin();
                }
            });
        }
        return new Row(n, values, fault);
    }

    private SplittableRandom randomOf(long n) {
        return new SplittableRandom((n + 1) * 0xD1B54A32D192ED03L ^ seed);
    }

    /** Row 0 has nothing before it to duplicate, so it is always valid. */
    private Fault faultOf(long n, SplittableRandom random) {
        if (n == 0 || random.nextDouble() >= invalidShare) {
            return null;
        }
        return FAULTS.get(random.nextInt(FAULTS.size()));
    }

    private long earlierValidRow(long n, SplittableRandom random) {
        while (true) {
            long candidate = Math.max(0, n - 1 - random.nextInt(DUPLICATE_REACH));
            if (faultOf(candidate, randomOf(candidate)) == null) {
                return candidate;
            }
        }
    }

    private static Map<String, String> valuesOf(RegisterArtisanRequest request) {
        Map<String, String> values = new HashMap<>();
        values.put(ArtisanColumns.CIN, request.cin());
        values.put(ArtisanColumns.FIRST_NAME_AR, request.firstName().ar());
        values.put(ArtisanColumns.FIRST_NAME_FR, request.firstName().fr());
        values.put(ArtisanColumns.LAST_NAME_AR, request.lastName().ar());
        values.put(ArtisanColumns.LAST_NAME_FR, request.lastName().fr());
        values.put(ArtisanColumns.BIRTH_DATE, request.birthDate().toString());
        values.put(ArtisanColumns.GENDER, request.gender());
        values.put(ArtisanColumns.PHONE, textOf(request.phone()));
        values.put(ArtisanColumns.ADDRESS, textOf(request.address()));
        values.put(ArtisanColumns.PROVINCE, request.provinceCode());
        values.put(ArtisanColumns.ACTIVITY, request.activityCode());
        values.put(ArtisanColumns.ROUTE, request.qualification().route());
        values.put(ArtisanColumns.YEARS, textOf(request.qualification().yearsOfPractice()));
        values.put(ArtisanColumns.DIPLOMA, textOf(request.qualification().diplomaRef()));
        return values;
    }

    private static String textOf(Object value) {
        return value == null ? "" : value.toString();
    }
}
