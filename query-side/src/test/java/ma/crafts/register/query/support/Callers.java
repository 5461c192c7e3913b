package ma.crafts.register.query.support;

import java.util.List;

/**
 * The dev tokens the query side's REST tests call with: an auditor, a registry administrator, a ministry analyst, and
 * the chamber clerks of Marrakech-Safi (MA-07) and of Rabat-Salé-Kénitra (MA-04).
 */
public record Callers(String auditor, String admin, String analyst, String clerk07, String clerk04) {

    public static Callers of(HttpApi api) {
        return new Callers(api.token("auditor-1", List.of("AUDITOR"), null),
                api.token("admin-1", List.of("REGISTRY_ADMIN"), null),
                api.token("analyst-1", List.of("MINISTRY_ANALYST"), null),
                api.token("clerk-07", List.of("CHAMBER_CLERK"), "MA-07"),
                api.token("clerk-04", List.of("CHAMBER_CLERK"), "MA-04"));
    }
}
