package ma.crafts.register.bench.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of docs/capacity.md: events per artisan per year from {@link Lifecycle}, bytes per commit and counter
 * writes measured by {@link StoredBytes}, and what they come to at national scale. Run with bench/capacity.sh; every
 * printed line names where its figure comes from.
 */
public final class CapacityPlan {
    static final long ARTISANS = 2_500_000;
    static final int YEARS = 10;
    static final int SIMULATED_ARTISANS = 200_000;
    static final int MEASURED_ARTISANS = 5_000;
    static final int WRITERS = 8;

    /** bench/README.md, register-http at 1M artisans: one register process, 2 CPUs, projections included. */
    static final double MEASURED_REGISTRATIONS_PER_SECOND = 518.5;
    static final double MEASURED_READS_PER_SECOND = 2_078;
    /** bench/README.md: h2-memory held 1M artisans (85% with a card), every collection, in 9.5 GB of live heap. */
    static final double STORE_BYTES_PER_ARTISAN_ALL_COLLECTIONS = 9.5e9 / 1_000_000;
    /** Run a node at half of what it was measured to sustain: headroom for a node lost and for bursts. */
    static final double NODE_UTILISATION = 0.5;
    /** MongoEventStorageEngine's default positionBlockLinger (event-store/GUARANTEES.md, guarantee 2). */
    static final int POSITION_BLOCK_LINGER_MS = 50;
    /** Fewest nodes of a side: one can die or be drained (PodDisruptionBudget) without stopping the side. */
    static final int MIN_NODES = 2;

    private CapacityPlan() {
    }

    public static void main(String[] args) throws Exception {
        Lifecycle lifecycle = new Lifecycle(20);
        Map<String, Long> totals = new TreeMap<>();
        long firstYear = 0;
        List<Map<String, Integer>> sample = new ArrayList<>();
        for (int i = 0; i < SIMULATED_ARTISANS; i++) {
            Map<String, Integer> history = lifecycle.history(YEARS);
            history.forEach((type, count) -> totals.merge(type, (long) count, Long::sum));
            if (sample.size() < MEASURED_ARTISANS) {
                sample.add(history);
            }
        }
        Lifecycle registrationYear = new Lifecycle(20);
        for (int i = 0; i < SIMULATED_ARTISANS; i++) {
            firstYear += registrationYear.history(1).values().stream().mapToInt(Integer::intValue).sum();
        }
        long events = totals.values().stream().mapToLong(Long::longValue).sum();
        double perArtisan = (double) events / SIMULATED_ARTISANS;
        double perArtisanFirstYear = (double) firstYear / SIMULATED_ARTISANS;
        double perArtisanLaterYears = (perArtisan - perArtisanFirstYear) / (YEARS - 1);
        print("== Events (Lifecycle: %,d simulated artisans over %d years) ==", SIMULATED_ARTISANS, YEARS);
        totals.forEach((type, count) -> print("  %-34s %6.3f per artisan over %d years", type, (double) count / SIMULATED_ARTISANS, YEARS));
        print("  events per artisan: %.2f in the year of registration, %.2f per later year, %.2f over %d years",
                perArtisanFirstYear, perArtisanLaterYears, perArtisan, YEARS);
        double nationalEvents = perArtisan * ARTISANS;
        print("  at %,d artisans: %,.0f events (= commits, one command appends one event) over %d years", ARTISANS, nationalEvents, YEARS);

        StoredBytes.Measured measured = StoredBytes.measure(sample, WRITERS);
        print("== Stored bytes (StoredBytes: %,d artisans' histories, %,d commits through MongoEventStorageEngine, %d writers, memory backend) ==",
                sample.size(), measured.commits(), WRITERS);
        measured.meanBytesByType().forEach((type, bytes) -> print("  %-34s %,6d bytes of BSON per commit", type, bytes));
        print("  mean commit %,.0f bytes; index keys per commit: _id %.0f bytes, streamKeys %.1f bytes",
                measured.bytesPerCommit(), measured.idKeyBytes(), measured.streamKeyBytes());
        double storeBytes = nationalEvents * measured.bytesPerCommit();
        double indexKeyBytes = nationalEvents * (measured.idKeyBytes() + measured.streamKeyBytes());
        print("  commits at %,d artisans over %d years: %.1f GB of BSON (uncompressed), index keys %.2f GB (before per-entry overhead)",
                ARTISANS, YEARS, storeBytes / 1e9, indexKeyBytes / 1e9);
        print("  every collection, from the 1M-artisan benchmark's %.1f KB per artisan: %.1f GB at %,d artisans",
                STORE_BYTES_PER_ARTISAN_ALL_COLLECTIONS / 1e3, STORE_BYTES_PER_ARTISAN_ALL_COLLECTIONS * ARTISANS / 1e9, ARTISANS);

        print("== Position counter ==");
        print("  counter writes per commit, %d writers appending flat out: %.3f (measured); a node whose commits come less",
                WRITERS, measured.counterWritesPerCommit());
        print("  than %d ms apart takes blocks (PositionBlock), one slower takes one position per commit: 1.0", POSITION_BLOCK_LINGER_MS);
        for (Load load : Load.PEAKS) {
            double commitsPerSecond = load.commandsPerSecond();
            double perNode = commitsPerSecond / MIN_NODES;
            boolean blocks = perNode > 1000.0 / POSITION_BLOCK_LINGER_MS;
            print("  %-44s %8.1f commits/s (%6.1f per node) -> counter at most %7.1f writes/s%s", load.name(),
                    commitsPerSecond, perNode, commitsPerSecond,
                    blocks ? String.format(Locale.ROOT, ", about %.1f/s once blocks grow", commitsPerSecond * measured.counterWritesPerCommit()) : "");
        }

        print("== Nodes (one node sustained %.1f registrations/s and %,.0f reads/s: bench/README.md; planned at %.0f%%) ==",
                MEASURED_REGISTRATIONS_PER_SECOND, MEASURED_READS_PER_SECOND, NODE_UTILISATION * 100);
        for (Load load : Load.PEAKS) {
            print("  %-44s %8.1f commands/s %8.1f reads/s -> command nodes %d, query nodes %d", load.name(),
                    load.commandsPerSecond(), load.readsPerSecond(),
                    nodes(load.commandsPerSecond(), MEASURED_REGISTRATIONS_PER_SECOND),
                    nodes(load.readsPerSecond(), MEASURED_READS_PER_SECOND));
        }
    }

    static int nodes(double perSecond, double measuredPerNode) {
        return Math.max(MIN_NODES, (int) Math.ceil(perSecond / (measuredPerNode * NODE_UTILISATION)));
    }

    /** The peaks the register must carry; docs/capacity.md says where each rate comes from. */
    record Load(String name, double commandsPerSecond, double readsPerSecond) {
        static final List<Load> PEAKS = List.of(
                // 12 chambers with their provincial annexes: 300 desks, a command every 20 s and three reads each.
                new Load("every desk at once (300 desks)", 300 / 20.0, 3 * 300 / 20.0),
                // Taking the 2.5M artisans in over one weekend (48 h): a registration and, for 85%, a card each.
                new Load("national import in a weekend", ARTISANS * 1.85 / (48 * 3600.0), 0),
                // Every card checked twice a year by partners, a tenth of a day's checks in its busiest minute.
                new Load("card checks by partners (QR)", 0, ARTISANS * 0.85 * 2 / 365.0 * 0.1 / 60),
                // A campaign day of the desks plus the partners' checks and the clerks' searches, ten times over.
                new Load("ten times the desks' peak", 10 * 300 / 20.0, 10 * 3 * 300 / 20.0));
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
