package ma.crafts.register.query.statistics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.QualificationRoute;

/**
 * The dimensions of a statistics request, checked: {@code groupBy} (at most two dimensions) and one filter value per
 * dimension named as a parameter. An unknown parameter, dimension or code is a 400 naming it; values of the fixed sets
 * are accepted in any case and answered in upper case ({@code member} as {@code true}/{@code false}).
 */
public record StatisticsRequest(List<Dimension> groupBy, Map<Dimension, String> filters) {

    public static final String GROUP_BY = "groupBy";
    private static final int MAX_GROUP_BY = 2;

    /**
     * Reads {@code groupBy} and the filters from {@code parameters}, leaving out the names in {@code others} (the
     * request's other parameters, checked by the caller).
     */
    public static StatisticsRequest parse(Map<String, String> parameters, Set<String> others, ReferenceCatalog catalog) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Dimension> groupBy = new ArrayList<>();
        String rawGroupBy = parameters.get(GROUP_BY);
        if (rawGroupBy != null && !rawGroupBy.isBlank()) {
            Set<String> names = new LinkedHashSet<>();
            for (String name : rawGroupBy.split(",")) {
                names.add(name.trim());
            }
            for (String name : names) {
                Dimension.named(name).ifPresentOrElse(groupBy::add,
                        () -> problems.add(new FieldProblem(GROUP_BY, "unknown dimension " + name)));
            }
            if (names.size() > MAX_GROUP_BY) {
                problems.add(new FieldProblem(GROUP_BY, "groups by at most " + MAX_GROUP_BY + " dimensions"));
            }
        }
        Map<Dimension, String> filters = new EnumMap<>(Dimension.class);
        parameters.forEach((name, raw) -> {
            if (GROUP_BY.equals(name) || others.contains(name)) {
                return;
            }
            Dimension.named(name).ifPresentOrElse(dimension -> {
                String value = canonical(dimension, raw == null ? "" : raw.trim());
                if (accepts(dimension, value, catalog)) {
                    filters.put(dimension, value);
                } else {
                    problems.add(new FieldProblem(name, "unknown code " + raw));
                }
            }, () -> problems.add(new FieldProblem(name, "unknown parameter or dimension")));
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new StatisticsRequest(List.copyOf(groupBy), filters);
    }

    /** Every dimension the request groups or filters by. */
    public Set<Dimension> dimensions() {
        Set<Dimension> used = new LinkedHashSet<>(groupBy);
        used.addAll(filters.keySet());
        return used;
    }

    public String filter(Dimension dimension) {
        return filters.get(dimension);
    }

    /** The request with its region filter replaced (a clerk's implicit region). */
    public StatisticsRequest withRegion(String regionCode) {
        Map<Dimension, String> narrowed = new EnumMap<>(Dimension.class);
        narrowed.putAll(filters);
        if (regionCode == null) {
            narrowed.remove(Dimension.REGION);
        } else {
            narrowed.put(Dimension.REGION, regionCode);
        }
        return new StatisticsRequest(groupBy, narrowed);
    }

    private static String canonical(Dimension dimension, String value) {
        return switch (dimension) {
            case REGION, PROVINCE, CATEGORY, BRANCH, ACTIVITY, AGE_BAND, ELIGIBLE_FOR -> value;
            case MEMBER -> value.toLowerCase(Locale.ROOT);
            default -> value.toUpperCase(Locale.ROOT);
        };
    }

    private static boolean accepts(Dimension dimension, String value, ReferenceCatalog catalog) {
        return switch (dimension) {
            case REGION -> catalog.geography().region(value).isPresent();
            case PROVINCE -> catalog.geography().province(value).isPresent();
            case CATEGORY -> catalog.nomenclature().category(value).isPresent();
            case BRANCH -> catalog.nomenclature().branch(value).isPresent();
            case ACTIVITY -> catalog.nomenclature().activity(value).isPresent();
            case GENDER -> value.equals(ActorProfile.NONE) || isNameOf(Gender.class, value);
            case AGE_BAND -> AgeBand.NAMES.contains(value);
            case STATUS -> isNameOf(ArtisanStatus.class, value);
            case ARTISAN_CATEGORY -> value.equals(ActorProfile.NONE) || isNameOf(ArtisanCategory.class, value);
            case QUALIFICATION_ROUTE -> value.equals(ActorProfile.NONE) || isNameOf(QualificationRoute.class, value);
            case ACTOR_KIND -> isNameOf(ActorKind.class, value);
            case CARD_STATUS -> value.equals(ActorProfile.NONE) || isNameOf(CardStatus.class, value);
            case MEMBER -> value.equals("true") || value.equals("false");
            // The programmes are the programme read model's; EligibleCounting answers 400 for one it does not know.
            case ELIGIBLE_FOR -> !value.isEmpty();
        };
    }

    private static <E extends Enum<E>> boolean isNameOf(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
