package ma.crafts.register.query.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a flow is counted: in the document of its stored measure for its UTC day ({@code D|YYYY-MM-DD|<measure>}) and
 * for its month ({@code M|YYYY-MM|<measure>}), one field per combination of province, branch, actor kind and gender.
 * A monthly series reads one document a month (two for relocations, in and out), holding that measure's fields only;
 * region and category follow from province and branch.
 */
public final class FlowLayout {

    /** The dimensions a flow can be grouped and filtered by. */
    public static final Set<Dimension> DIMENSIONS = Set.of(Dimension.REGION, Dimension.PROVINCE, Dimension.CATEGORY,
            Dimension.BRANCH, Dimension.ACTOR_KIND, Dimension.GENDER);

    private static final List<Dimension> FIELD = List.of(Dimension.PROVINCE, Dimension.BRANCH, Dimension.ACTOR_KIND,
            Dimension.GENDER);

    private FlowLayout() {
    }

    /** The day and month documents of a stored measure at an instant, day first. */
    public static List<String> documentsOf(Instant at, String storedMeasure) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        return List.of(measureDocument(dayDocument(day), storedMeasure),
                measureDocument(monthDocument(YearMonth.from(day)), storedMeasure));
    }

    /** The document of a stored measure in a period ({@link #dayDocument} or {@link #monthDocument}). */
    public static String measureDocument(String period, String storedMeasure) {
        return period + "|" + storedMeasure;
    }

    public static String dayDocument(LocalDate day) {
        return "D|" + day;
    }

    public static String monthDocument(YearMonth month) {
        return "M|" + month;
    }

    /** The field of an actor's profile in a measure's document. */
    public static String field(ActorProfile profile) {
        StringBuilder field = new StringBuilder();
        for (Dimension dimension : FIELD) {
            if (!field.isEmpty()) {
                field.append('|');
            }
            field.append(CellLayout.escape(profile.value(dimension)));
        }
        return field.toString();
    }

    /** The dimension values a field stands for, region and category looked up from province and branch. */
    public static Map<Dimension, String> decode(String field, Function<String, String> regionOfProvince,
                                                Function<String, String> categoryOfBranch) {
        String[] parts = field.split("\\|", -1);
        Map<Dimension, String> values = new EnumMap<>(Dimension.class);
        for (int i = 0; i < FIELD.size() && i < parts.length; i++) {
            values.put(FIELD.get(i), CellLayout.unescape(parts[i]));
        }
        values.put(Dimension.REGION, regionOfProvince.apply(values.getOrDefault(Dimension.PROVINCE, ActorProfile.NONE)));
        values.put(Dimension.CATEGORY, categoryOfBranch.apply(values.getOrDefault(Dimension.BRANCH, ActorProfile.NONE)));
        return values;
    }
}
