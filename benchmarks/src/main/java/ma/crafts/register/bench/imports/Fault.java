package ma.crafts.register.bench.imports;

import java.time.LocalDate;
import java.util.Map;

/**
 * The ways a generated row is wrong, one per rule the register applies to a registration, so that an import's error
 * report can be checked kind by kind. Each fault breaks exactly one rule and leaves the rest of the row valid.
 */
public enum Fault {
    /** Not 1-2 letters then 1-6 digits. */
    BAD_CIN {
        @Override
        void apply(Map<String, String> row, Context context) {
            row.put(ArtisanColumns.CIN, row.get(ArtisanColumns.CIN) + "X7");
        }
    },
    /** The CIN of an earlier valid row of the same file, with this row's other data. */
    DUPLICATE_CIN {
        @Override
        void apply(Map<String, String> row, Context context) {
            row.put(ArtisanColumns.CIN, context.earlierCin());
        }
    },
    /** A code that no prefecture or province has. */
    UNKNOWN_PROVINCE {
        @Override
        void apply(Map<String, String> row, Context context) {
            row.put(ArtisanColumns.PROVINCE, "MA-ZZ" + (char) ('A' + context.pick(26)));
        }
    },
    /** Younger than the register's minimum age (15). */
    UNDER_AGE {
        @Override
        void apply(Map<String, String> row, Context context) {
            row.put(ArtisanColumns.BIRTH_DATE, context.today().minusYears(10 + context.pick(4)).toString());
            row.put(ArtisanColumns.YEARS, "0");
            row.put(ArtisanColumns.ROUTE, "DIPLOMA");
            row.putIfAbsent(ArtisanColumns.DIPLOMA, "OFPPT-" + context.today().getYear() + "-10001");
        }
    },
    /** The first name in Latin script only, as older tools that had no Arabic field exported it. */
    MISSING_ARABIC_NAME {
        @Override
        void apply(Map<String, String> row, Context context) {
            row.put(ArtisanColumns.FIRST_NAME_AR, "");
        }
    },
    /** A birth date written day first, as a spreadsheet in French shows it. */
    UNREADABLE_BIRTH_DATE {
        @Override
        void apply(Map<String, String> row, Context context) {
            LocalDate date = LocalDate.parse(row.get(ArtisanColumns.BIRTH_DATE));
            row.put(ArtisanColumns.BIRTH_DATE, String.format("%02d/%02d/%d", date.getDayOfMonth(),
                    date.getMonthValue(), date.getYear()));
        }
    },
    /** An activity code that the nomenclature does not have. */
    UNKNOWN_ACTIVITY {
        @Override
        void apply(Map<String, String> row, Context context) {
            row.put(ArtisanColumns.ACTIVITY, "Z99-" + (900 + context.pick(100)));
        }
    },
    /** The experience route with less than the 3 years of practice it needs. */
    TOO_LITTLE_PRACTICE {
        @Override
        void apply(Map<String, String> row, Context context) {
            row.put(ArtisanColumns.ROUTE, "EXPERIENCE");
            row.put(ArtisanColumns.YEARS, String.valueOf(context.pick(3)));
            row.put(ArtisanColumns.DIPLOMA, "");
        }
    };

    /** What a fault may draw on besides the row itself. */
    interface Context {
        LocalDate today();

        /** A number from 0 to {@code bound - 1}, drawn from the row's own randomness. */
        int pick(int bound);

        /** The CIN of a valid row before this one. */
        String earlierCin();
    }

    abstract void apply(Map<String, String> row, Context context);
}
