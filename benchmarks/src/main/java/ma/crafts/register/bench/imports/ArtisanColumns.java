package ma.crafts.register.bench.imports;

import java.util.List;

/**
 * The columns of an artisans import file. Until the server publishes its template (GET
 * /api/v1/imports/templates/artisans), they are the JSON field names of {@code POST /api/v1/artisans}'s body
 * (RegisterArtisanRequest), nested ones joined with a dot; {@link #REGION} is not one of them and is written only when
 * a template names it.
 */
public final class ArtisanColumns {
    public static final String CIN = "cin";
    public static final String FIRST_NAME_AR = "firstName.ar";
    public static final String FIRST_NAME_FR = "firstName.fr";
    public static final String LAST_NAME_AR = "lastName.ar";
    public static final String LAST_NAME_FR = "lastName.fr";
    public static final String BIRTH_DATE = "birthDate";
    public static final String GENDER = "gender";
    public static final String PHONE = "phone";
    public static final String ADDRESS = "address";
    public static final String PROVINCE = "provinceCode";
    public static final String ACTIVITY = "activityCode";
    public static final String ROUTE = "qualification.route";
    public static final String YEARS = "qualification.yearsOfPractice";
    public static final String DIPLOMA = "qualification.diplomaRef";
    public static final String REGION = "regionCode";

    /** Every column the generator can fill, in the order it writes them when no template says otherwise. */
    public static final List<String> REQUEST_FIELDS = List.of(CIN, FIRST_NAME_AR, FIRST_NAME_FR, LAST_NAME_AR,
            LAST_NAME_FR, BIRTH_DATE, GENDER, PHONE, ADDRESS, PROVINCE, ACTIVITY, ROUTE, YEARS, DIPLOMA);

    private ArtisanColumns() {
    }

    /** Whether the generator knows how to fill {@code column}. */
    static boolean known(String column) {
        return REQUEST_FIELDS.contains(column) || REGION.equals(column);
    }
}
