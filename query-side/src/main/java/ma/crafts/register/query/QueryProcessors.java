package ma.crafts.register.query;

import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;

/**
 * The query side's tracking processors. The artisan view, its search index and the card-verification model all fold
 * the artisans' streams, so they share one processor: one token, one pass over the store, and a {@code ?minPosition}
 * answered by the view also holds for the card check a clerk hands out right after issuing a card. The chambers'
 * notices ride on the same processor for the same reason. A projection that has been rebuilt is maintained by its
 * rebuild's processor instead ({@code query.projection.ProjectionRebuilds}), which {@code ?minPosition} then waits
 * for as well.
 */
public final class QueryProcessors {

    public static final String ARTISAN_PROJECTIONS = "artisan-projections";

    /** The statistics' processor: no read waits for it, so its batches stay off the shared processor's path. */
    public static final String STATISTICS_PROJECTIONS = "statistics-projections";

    /** The projections, by the names the admin API rebuilds them under. */
    public static final String ARTISAN_VIEW = "artisan-view";
    public static final String CARD_VERIFICATION = "card-verification";
    public static final String CHAMBER_NOTIFICATIONS = "chamber-notifications";
    public static final String STATISTICS = "statistics";
    public static final String ELIGIBILITY = "eligibility";

    private QueryProcessors() {
    }

    /** How every projection processor runs: {@code threads} segments, each handling batches of {@code batchSize}. */
    public static TrackingEventProcessorConfiguration configuration(int threads, int batchSize) {
        return TrackingEventProcessorConfiguration.forParallelProcessing(Math.max(1, threads))
                .andInitialSegmentsCount(Math.max(1, threads))
                .andBatchSize(Math.max(1, batchSize));
    }
}
