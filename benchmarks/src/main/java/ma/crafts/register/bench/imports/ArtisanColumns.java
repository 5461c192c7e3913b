package ma.crafts.register.bench.imports;

import java.util.List;

/**
 * The columns of an artisans import file, as the server's template names them (GET
 * /api/v1/imports/templates/artisans, docs/imports/artisans-example.csv): one per field of {@code POST
 * /api/v1/artisans}' body.
 */
public final class ArtisanColumns {
    public static final String CIN = "cin";
    public static final String FIRST_NAME_AR = "first_name_ar";
    public static final String FIRST_NAME_FR = "first_name_fr";
    public static final String LAST_NAME_AR = "last_name_ar";
    public static final String LAST_NAME_FR = "last_name_fr";
    public static final String BIRTH_DATE = "birth_date";
    public static final String GENDER = "gender";
    public static final String PHONE = "phone";
    public static final String ADDRESS = "address";
    public static final String PROVINCE = "province_code";
    public static final String ACTIVITY = "activity_code";
    public static final String ROUTE = "qualification_route";
    public static final String YEARS = "years_of_practice";
    public static final String DIPLOMA = "diploma_ref";

    /** Every column the generator fills, in the template's order, which it writes when no template is given. */
    public static final List<String> ALL = List.of(CIN, FIRST_NAME_AR, FIRST_NAME_FR, LAST_NAME_AR, LAST_NAME_FR,
            BIRTH_DATE, GENDER, PHONE, ADDRESS, PROVINCE, ACTIVITY, ROUTE, YEARS, DIPLOMA);

    private ArtisanColumns() {
    }
}
