package ma.crafts.register.query.statistics;

import ma.crafts.register.query.CountGroup;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.values.ArtisanStatus;

/**
 * The gauge {@code register_actors{region,status}} (Grafana's business dashboard reads it): actors per region and
 * register status, at most 12 × 3 series; the API serves every finer grain. A scrape reads the twelve regions' cells
 * at most once per {@code refresh}, whatever the number of series.
 */
public class ActorGauges {

    public static final String NAME = "register.actors";

    private final ActorCounting counting;
    private final Clock clock;
    private final Duration refresh;
    private Map<String, Long> snapshot = Map.of();
    private Instant takenAt = Instant.MIN;

    public ActorGauges(ActorCounting counting, Clock clock, Duration refresh) {
        this.counting = counting;
        this.clock = clock;
        this.refresh = refresh;
    }

    public void register(MeterRegistry registry, ReferenceCatalog catalog) {
        for (var region : catalog.geography().regions()) {
            for (ArtisanStatus status : ArtisanStatus.values()) {
                Gauge.builder(NAME, this, gauges -> gauges.count(region.code(), status.name()))
                        .description("Actors in the register per region and register status")
                        .tag("region", region.code())
                        .tag("status", status.name())
                        .register(registry);
            }
        }
    }

    private synchronized double count(String region, String status) {
        Instant now = clock.instant();
        if (takenAt.plus(refresh).isBefore(now)) {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            Map<String, Long> counts = new HashMap<>();
            for (CountGroup group : counting.count(new StatisticsRequest(
                    List.of(Dimension.REGION, Dimension.STATUS), Map.of()), today, today).groups()) {
                counts.put(group.key().get(Dimension.REGION.apiName()) + "|"
                        + group.key().get(Dimension.STATUS.apiName()), group.count());
            }
            snapshot = counts;
            takenAt = now;
        }
        return snapshot.getOrDefault(region + "|" + status, 0L);
    }
}
