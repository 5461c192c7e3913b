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
 * Where a flow is counted: in the document of its UTC day ({@code D|YYYY-MM-DD}) and of its month ({@code M|YYYY-MM}),
 * one field per combination of stored measure, province, branch, actor kind and gender. A month's series reads one
 * document a month; region and category follow from province and branch.
 */
public final class FlowLayout {

    /** The dimensions a flow can be grouped and filtered by. */
    public static final Set<Dimension> DIMENSIONS = Set.of(Dimension.REGION, Dimension.PROVINCE, Dimension.CATEGORY,
            Dimension.BRANCH, Dimension.ACTOR_KIND, Dimension.GENDER);

    private static final List<Dimension> FIELD = List.of(Dimension.PROVINCE, Dimension.BRANCH, Dimension.ACTOR_KIND,
            Dimension.GENDER);

    private FlowLayout() {
    }

    /** The day and month documents of an instant, day first. */
    public static List<String> documentsOf(Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        return List.of(dayDocument(day), monthDocument(YearMonth.from(day)));
    }

    public static String dayDocument(LocalDate day) {
        return "D|" + day;
    }

    public static String monthDocument(YearMonth month) {
        return "M|" + month;
    }

    /** The field of one stored measure for an actor's profile. */
    public static String field(String storedMeasure, ActorProfile profile) {
        StringBuilder field = new StringBuilder(storedMeasure);
        for (Dimension dimension : FIELD) {
            field.append('|').append(CellLayout.escape(profile.value(dimension)));
        }
        return field.toString();
    }

    public static String measureOf(String field) {
        return field.substring(0, field.indexOf('|'));
    }

    /** The dimension values a field stands for, region and category looked up from province and branch. */
    public static Map<Dimension, String> decode(String field, Function<String, String> regionOfProvince,
                                                Function<String, String> categoryOfBranch) {
        String[] parts = field.split("\\|", -1);
        Map<Dimension, String> values = new EnumMap<>(Dimension.class);
        for (int i = 0; i < FIELD.size() && i + 1 < parts.length; i++) {
            values.put(FIELD.get(i), CellLayout.unescape(parts[i + 1]));
        }
        values.put(Dimension.REGION, regionOfProvince.apply(values.getOrDefault(Dimension.PROVINCE, ActorProfile.NONE)));
        values.put(Dimension.CATEGORY, categoryOfBranch.apply(values.getOrDefault(Dimension.BRANCH, ActorProfile.NONE)));
        return values;
    }
}
