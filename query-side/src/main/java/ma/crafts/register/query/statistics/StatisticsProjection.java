package ma.crafts.register.query.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import ma.crafts.register.query.ProjectionBatches;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.artisan.FoldedArtisans;
import ma.crafts.register.query.mongo.GuardedCounts;
import ma.crafts.register.query.mongo.WriterProgress;
import ma.crafts.register.query.statistics.mongo.StatisticsStore;
import ma.crafts.register.query.statistics.mongo.StatisticsStore.TrackedArtisan;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Maintains the statistics cells, their daily and monthly deltas and the flows (docs/adr/0007). Each event that
 * changes what an actor counts as moves one unit out of the cells of its profile before the event and into those of
 * its profile after (the cells it stays in are left alone); the same move is added to the deltas of the event's UTC
 * day and month, from which a stock as of a past day is worked out. Every count is guarded per
 * writer ({@link GuardedCounts}), so a batch delivered again, or a late commit delivered after higher positions, is
 * counted exactly once. It runs on a processor of its own
 * ({@link QueryProcessors#STATISTICS_PROJECTIONS}): no read waits for it, so it never delays read-your-writes.
 */
@ProcessingGroup(QueryProcessors.STATISTICS_PROJECTIONS)
public class StatisticsProjection {

    private final StatisticsStore store;
    private final ArtisanFolding folding;
    private final StatisticsFacts facts;

    public StatisticsProjection(StatisticsStore store, ArtisanFolding folding, StatisticsFacts facts) {
        this.store = store;
        this.folding = folding;
        this.facts = facts;
    }

    @EventHandler
    public void on(DomainEventMessage<?> message) {
        ArtisanEvent event = ArtisanEvent.of(message);
        WriterProgress progress = WriterProgress.after(message, event.position());
        ProjectionBatches.apply(this, message, Batch::new, batch -> batch.apply(event, progress));
    }

    @ResetHandler
    public void reset() {
        store.clear();
    }

    /** What one tracking batch changes, written by {@link #flush()}. */
    private final class Batch implements ProjectionBatches.Batch {
        private final String writer;
        private final FoldedArtisans folded;
        private final Map<String, YearMonth> birthMonths = new HashMap<>();
        private final Map<String, List<GuardedCounts.Delta>> cells = new LinkedHashMap<>();
        private final Map<String, List<GuardedCounts.Delta>> stockDeltas = new LinkedHashMap<>();
        private final Map<String, List<GuardedCounts.Delta>> flows = new LinkedHashMap<>();
        private final Set<String> branches = new TreeSet<>();
        private final Set<Long> positions = new HashSet<>();
        private WriterProgress token;
        private long highestPosition = -1;
        private LocalDate firstDay;
        private LocalDate lastDay;

        Batch(ProjectionBatches.Scope scope) {
            this.writer = scope.writer();
            this.folded = new FoldedArtisans(scope, folding, ids -> statesOf(store.artisans(ids)),
                    id -> store.artisan(id).map(this::remember));
            facts.preloadKeys(scope.messages());
        }

        private Map<String, ArtisanState> statesOf(Map<String, TrackedArtisan> tracked) {
            Map<String, ArtisanState> states = new HashMap<>();
            tracked.forEach((id, artisan) -> states.put(id, remember(artisan)));
            return states;
        }

        private ArtisanState remember(TrackedArtisan artisan) {
            birthMonths.put(artisan.state().artisanId(), artisan.birthMonth());
            return artisan.state();
        }

        void apply(ArtisanEvent event, WriterProgress progress) {
            positions.add(event.position());
            token = progress;
            highestPosition = Math.max(highestPosition, event.position());
            LocalDate day = dayOf(event);
            firstDay = firstDay == null || day.isBefore(firstDay) ? day : firstDay;
            lastDay = lastDay == null || day.isAfter(lastDay) ? day : lastDay;
            facts.organisation(event.payload()).ifPresentOrElse(
                    organisation -> {
                        // An organisation's stream holds its registration once, at sequence 0.
                        if (event.sequence() == 0) {
                            move(event, progress, null, organisation);
                            flow(event, progress, FlowMeasure.REGISTRATIONS.apiName(), organisation);
                        }
                    },
                    () -> folded.apply(event).ifPresent(step -> {
                        String id = event.artisanId();
                        YearMonth monthBefore = birthMonths.get(id);
                        YearMonth monthAfter = facts.birthMonthAfter(event.payload(), monthBefore);
                        birthMonths.put(id, monthAfter);
                        ActorProfile before = step.before() == null ? null : facts.profile(step.before(), monthBefore);
                        ActorProfile after = facts.profile(step.after(), monthAfter);
                        move(event, progress, before, after);
                        facts.flows(event.payload()).forEach(measure -> flow(event, progress, measure, after));
                        if (before != null) {
                            facts.leavingFlows(event.payload()).forEach(measure -> flow(event, progress, measure, before));
                        }
                    }));
        }

        private void move(ArtisanEvent event, WriterProgress progress, ActorProfile from, ActorProfile to) {
            if (to.equals(from)) {
                return;
            }
            List<CellLayout.Cell> leaving = new ArrayList<>();
            if (from != null) {
                leaving.addAll(CellLayout.cellsOf(from));
            }
            List<CellLayout.Cell> entering = new ArrayList<>(CellLayout.cellsOf(to));
            // A cell the actor stays in (its age cells when a card is issued) would cost a document write for nothing.
            Set<CellLayout.Cell> staying = new HashSet<>(leaving);
            staying.retainAll(entering);
            leaving.removeAll(staying);
            entering.removeAll(staying);
            count(event, progress, leaving, -1, dayOf(event));
            count(event, progress, entering, 1, dayOf(event));
            branches.add(to.value(Dimension.BRANCH));
        }

        private void count(ArtisanEvent event, WriterProgress progress, List<CellLayout.Cell> moved, int change,
                           LocalDate day) {
            for (CellLayout.Cell cell : moved) {
                cells.computeIfAbsent(cell.documentId(), id -> new ArrayList<>())
                        .add(new GuardedCounts.Delta(event.position(), progress, cell.field(), change));
                if (!CellLayout.keepsStockChanges(cell.documentId())) {
                    continue;
                }
                GuardedCounts.Delta stockDelta = new GuardedCounts.Delta(event.position(), progress,
                        CellLayout.scopeField(cell.documentId(), cell.field()), change);
                for (String period : StockPeriods.documentsOf(day)) {
                    stockDeltas.computeIfAbsent(StockPeriods.deltaDocument(period, cell.documentId()),
                            id -> new ArrayList<>()).add(stockDelta);
                }
            }
        }

        private static LocalDate dayOf(ArtisanEvent event) {
            return event.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
        }

        private void flow(ArtisanEvent event, WriterProgress progress, String storedMeasure, ActorProfile profile) {
            String field = FlowLayout.field(profile);
            for (String document : FlowLayout.documentsOf(event.occurredAt(), storedMeasure)) {
                flows.computeIfAbsent(document, id -> new ArrayList<>())
                        .add(new GuardedCounts.Delta(event.position(), progress, field, 1));
            }
        }

        @Override
        public void flush() {
            List<TrackedArtisan> artisans = new ArrayList<>();
            for (ArtisanState state : folded.changed()) {
                artisans.add(new TrackedArtisan(state, birthMonths.get(state.artisanId())));
            }
            if (cells.isEmpty() && flows.isEmpty() && artisans.isEmpty() && lastDay == null) {
                return;
            }
            store.write(writer, new StatisticsStore.Changes(positions, token, cells, stockDeltas, flows, branches,
                    highestPosition, lastDay == null ? null : new StatisticsStore.Days(firstDay, lastDay), artisans));
        }
    }
}
