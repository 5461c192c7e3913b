package ma.crafts.register.standalone;

import java.util.TreeSet;

/**
 * A file for the tests that kill an import midway: every 25th row (from the 8th) has an invalid CIN, and every 40th
 * repeats the row before (never an invalid one), so the file says how an uninterrupted import of it ends.
 *
 * @param invalidRows the rows rejected, by row number (the header is row 1)
 * @param repeats     the rows already present
 */
record KilledImportFile(String csv, int rows, TreeSet<Long> invalidRows, long repeats) {
    static final String HEADER = "cin,first_name_ar,first_name_fr,last_name_ar,last_name_fr,birth_date,gender,"
            + "phone,address,province_code,activity_code,qualification_route,years_of_practice,diploma_ref\n";

    static KilledImportFile of(int rows, String cinPrefix, String activityCode) {
        String rest = ",فاطمة,Fatima,الزهراء,Zahra,1984-03-02,F,+212612345678,Derb Dabachi 12,MA-MAR," + activityCode
                + ",EXPERIENCE,12,\n";
        StringBuilder csv = new StringBuilder(HEADER);
        TreeSet<Long> invalidRows = new TreeSet<>();
        long repeats = 0;
        for (int i = 0; i < rows; i++) {
            if (i % 25 == 7) {
                invalidRows.add(i + 2L);
                csv.append("12BAD").append(i).append(rest);
            } else if (i % 40 == 39) {
                repeats++;
                csv.append(cinPrefix).append(String.format("%06d", i - 1)).append(rest);
            } else {
                csv.append(cinPrefix).append(String.format("%06d", i)).append(rest);
            }
        }
        return new KilledImportFile(csv.toString(), rows, invalidRows, repeats);
    }

    long accepted() {
        return rows - invalidRows.size() - repeats;
    }
}
