package ma.crafts.register.query.statistics;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.query.statistics.mongo.StatisticsStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.stream.BlockingStream;

/**
 * Counts the actors again from the event store, folding every stream from its start as the projection does, and
 * compares the result with the cells at the same position. The cells move on while the store is read, so a
 * comparison is made only when their position was the same before and after the recount (a few attempts).
 */
public class StatisticsRecount {

    private static final int ATTEMPTS = 3;
    private static final int SHOWN_DIFFERENCES = 20;

    private final EventStore eventStore;
    private final StatisticsStore store;
    private final ArtisanFolding folding;
    private final StatisticsFacts facts;
    private final ReferenceCatalog catalog;

    public StatisticsRecount(EventStore eventStore, StatisticsStore store, ArtisanFolding folding,
                             StatisticsFacts facts, ReferenceCatalog catalog) {
        this.eventStore = eventStore;
        this.store = store;
        this.folding = folding;
        this.facts = facts;
        this.catalog = catalog;
    }

    /**
     * The outcome of a recount.
     *
     * @param settled     whether the cells kept one position for the whole recount (else nothing was compared)
     * @param equal       whether every cell equals its recount
     * @param position    the position both were taken at
     * @param actors      the actors recounted
     * @param differences the first cells that differ
     */
    public record Result(boolean settled, boolean equal, long position, long actors, List<Difference> differences) {
    }

    public record Difference(String document, String field, long counted, long recounted) {
    }

    public Result run() {
        Result last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long position = store.position();
            Map<String, Map<String, Long>> recounted = new HashMap<>();
            long actors = recount(position, recounted);
            if (store.position() != position) {
                last = new Result(false, false, position, actors, List.of());
                continue;
            }
            return compare(position, actors, recounted);
        }
        return last;
    }

    private long recount(long upTo, Map<String, Map<String, Long>> cells) {
        Map<String, ArtisanState> artisans = new HashMap<>();
        Map<String, YearMonth> birthMonths = new HashMap<>();
        List<ActorProfile> organisations = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                OptionalLong position = message.trackingToken().position();
                if (position.isPresent() && position.getAsLong() > upTo
                        || !(message instanceof DomainEventMessage<?> domain)) {
                    continue;
                }
                ArtisanEvent event = ArtisanEvent.of(domain);
                facts.organisation(event.payload()).filter(o -> event.sequence() == 0).ifPresentOrElse(
                        organisations::add,
                        () -> folding.apply(artisans.get(event.artisanId()), event).ifPresent(state -> {
                            birthMonths.put(state.artisanId(),
                                    facts.birthMonthAfter(event.payload(), birthMonths.get(state.artisanId())));
                            // The sealed data is needed only to read the birth month, once per event that carries it.
                            artisans.put(state.artisanId(), state.toBuilder().personalData(null).build());
                        }));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Recount interrupted", e);
        }
        artisans.values().forEach(state -> add(cells, facts.profile(state, birthMonths.get(state.artisanId()))));
        organisations.forEach(profile -> add(cells, profile));
        return artisans.size() + organisations.size();
    }

    private static void add(Map<String, Map<String, Long>> cells, ActorProfile profile) {
        for (CellLayout.Cell cell : CellLayout.cellsOf(profile)) {
            cells.computeIfAbsent(cell.documentId(), id -> new HashMap<>()).merge(cell.field(), 1L, Long::sum);
        }
    }

    private Result compare(long position, long actors, Map<String, Map<String, Long>> recounted) {
        Set<String> documents = new LinkedHashSet<>(recounted.keySet());
        documents.addAll(everyCellDocument());
        Map<String, Map<String, Long>> counted = store.cells(documents);
        List<Difference> differences = new ArrayList<>();
        boolean equal = true;
        for (String document : documents) {
            Map<String, Long> mine = counted.getOrDefault(document, Map.of());
            Map<String, Long> theirs = recounted.getOrDefault(document, Map.of());
            Set<String> fields = new TreeSet<>(mine.keySet());
            fields.addAll(theirs.keySet());
            for (String field : fields) {
                long count = mine.getOrDefault(field, 0L);
                long recount = theirs.getOrDefault(field, 0L);
                if (count != recount) {
                    equal = false;
                    if (differences.size() < SHOWN_DIFFERENCES) {
                        differences.add(new Difference(document, field, count, recount));
                    }
                }
            }
        }
        return new Result(true, equal, position, actors, differences);
    }

    /** Every cell document that may hold counts: each scope's documents, for every branch ever counted. */
    private List<String> everyCellDocument() {
        List<String> scopes = new ArrayList<>();
        scopes.add(CellLayout.nationalScope());
        catalog.geography().regions().forEach(r -> scopes.add(CellLayout.regionScope(r.code())));
        catalog.geography().provinces().forEach(p -> scopes.add(CellLayout.provinceScope(p.code())));
        Set<String> branches = new LinkedHashSet<>(store.branches());
        branches.add(ActorProfile.NONE);
        List<String> documents = new ArrayList<>();
        for (String scope : scopes) {
            documents.add(CellLayout.familyDocument(scope, CellLayout.Family.AGE));
            documents.add(CellLayout.familyDocument(scope, CellLayout.Family.SUMMARY));
            branches.forEach(branch -> documents.add(CellLayout.mainDocument(scope, branch)));
        }
        return documents;
    }
}
