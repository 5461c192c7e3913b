package ma.crafts.register.standalone;

import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * A file for the tests that kill an import midway: every 25th row (from the 8th) has an invalid CIN, and every 40th
 * repeats the row before (never an invalid one), so the file says how an uninterrupted import of it ends.
 *
 * @param kind        the import kind the file is for
 * @param invalidRows the rows rejected, by row number (the header is row 1)
 * @param repeats     the rows already present
 */
record KilledImportFile(String kind, String csv, int rows, TreeSet<Long> invalidRows, long repeats) {
    static final String HEADER = "cin,first_name_ar,first_name_fr,last_name_ar,last_name_fr,birth_date,gender,"
            + "phone,address,province_code,activity_code,qualification_route,years_of_practice,diploma_ref\n";
    static final String COOPERATIVE_HEADER = "name_ar,name_fr,activity_codes,activity_code,province_code,cin,"
            + "first_name_ar,first_name_fr,last_name_ar,last_name_fr,birth_date,gender,phone,address\n";

    /** Artisans, each under a CIN of its own. */
    static KilledImportFile of(int rows, String cinPrefix, String activityCode) {
        return of("artisans", HEADER, rows, cinPrefix, (cin, row) -> cin
                + ",فاطمة,Fatima,الزهراء,Zahra,1984-03-02,F,+212612345678,Derb Dabachi 12,MA-MAR," + activityCode
                + ",EXPERIENCE,12,\n");
    }

    /**
     * Cooperatives of the Al Haouz province, each named after its row (a cooperative is already present by its seat
     * and names), presided over by someone with a CIN of their own.
     */
    static KilledImportFile cooperatives(int rows, String cinPrefix, String activityCode) {
        return of("cooperatives", COOPERATIVE_HEADER, rows, cinPrefix, (cin, row) -> "تعاونية النسيج " + row
                + ",Coopérative du tissage " + row + "," + activityCode + ",,MA-HAO," + cin
                + ",خديجة,Khadija,أيت علي,Ait Ali,1979-05-14,F,+212612345678,Douar Tameslohte\n");
    }

    private static KilledImportFile of(String kind, String header, int rows, String cinPrefix,
                                       BiFunction<String, Integer, String> line) {
        StringBuilder csv = new StringBuilder(header);
        TreeSet<Long> invalidRows = new TreeSet<>();
        long repeats = 0;
        for (int i = 0; i < rows; i++) {
            if (i % 25 == 7) {
                invalidRows.add(i + 2L);
                csv.append(line.apply("12BAD" + i, i));
            } else if (i % 40 == 39) {
                repeats++;
                csv.append(line.apply(cinPrefix + String.format("%06d", i - 1), i - 1));
            } else {
                csv.append(line.apply(cinPrefix + String.format("%06d", i), i));
            }
        }
        return new KilledImportFile(kind, csv.toString(), rows, invalidRows, repeats);
    }

    long accepted() {
        return rows - invalidRows.size() - repeats;
    }
}
