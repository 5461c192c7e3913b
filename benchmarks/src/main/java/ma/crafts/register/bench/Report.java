package ma.crafts.register.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** Turns one backend's figures into tables, target checks and the RESULT line. */
final class Report {
    private final Settings settings;
    private final PrintStream out;

    Report(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** The figures the issue's targets are stated in. */
    record Headline(double appendEps, double createEps, double replayEps, double appendVsAxonMongo,
                    double createVsAxonMongo, double replayVsAxonMongo, double replayVsCeiling, double appendFlatness,
                    double replayFlatness, double createFlatness, double loadWithSnapshotMillis, double verifyEps,
                    double verifyVsCeiling) {
    }

    /** The same ratios from process CPU per operation instead of wall-clock rates: a cross-check on a busy machine. */
    record CpuView(double appendVsAxonMongo, double createVsAxonMongo, double replayVsAxonMongo, double replayVsCeiling,
                   double appendFlatness, double replayFlatness, double createFlatness) {
    }

    CpuView cpuView(BackendResults results) {
        BackendResults.AtSize largest = results.register.get(settings.largestSize());
        BackendResults.AtSize smallest = results.register.get(settings.smallestSize());
        long baselineSize = settings.baselineSizes().get(settings.baselineSizes().size() - 1);
        BackendResults.AtSize ours = results.register.get(baselineSize);
        BackendResults.AtSize theirs = results.axonMongo.get(baselineSize);
        return new CpuView(
                ratio(theirs == null ? Double.NaN : theirs.existingCpu(), ours.existingCpu()),
                ratio(theirs == null ? Double.NaN : theirs.createCpu(), ours.createCpu()),
                ratio(theirs == null ? Double.NaN : theirs.replayCpu(), ours.replayCpu()),
                ratio(largest.replayCeilingCpu(), largest.replayCpu()),
                ratio(largest.existingCpu(), smallest.existingCpu()),
                ratio(largest.replayCpu(), smallest.replayCpu()),
                ratio(largest.createCpu(), smallest.createCpu()));
    }

    Headline headline(BackendResults results) {
        BackendResults.AtSize largest = results.register.get(settings.largestSize());
        BackendResults.AtSize smallest = results.register.get(settings.smallestSize());
        long baselineSize = settings.baselineSizes().get(settings.baselineSizes().size() - 1);
        BackendResults.AtSize ours = results.register.get(baselineSize);
        BackendResults.AtSize theirs = results.axonMongo.get(baselineSize);
        return new Headline(
                largest.existingEps(), largest.createEps(), largest.replayEps(),
                ratio(ours.existingEps(), theirs == null ? Double.NaN : theirs.existingEps()),
                ratio(ours.createEps(), theirs == null ? Double.NaN : theirs.createEps()),
                ratio(ours.replayEps(), theirs == null ? Double.NaN : theirs.replayEps()),
                ratio(largest.replayEps(), largest.replayCeilingEps()),
                ratio(smallest.existingEps(), largest.existingEps()),
                ratio(smallest.replayEps(), largest.replayEps()),
                ratio(smallest.createEps(), largest.createEps()),
                results.loadTime == null ? Double.NaN : results.loadTime.withSnapshot().meanMillis(),
                largest.verifyEps(), ratio(largest.verifyEps(), largest.replayCeilingEps()));
    }

    void print(BackendResults results) {
        out.println();
        out.printf(Locale.ROOT, "== Event store benchmark, backend: %s (mongo-java-server, embedded) ==%n", results.backend);
        out.printf(Locale.ROOT, "   %d append threads, %,d existing commands per size (at most one per account) and %,d creates per run,"
                        + " tracking batch %d; a measurement stops after %ds (axon-mongo: %ds); rates per second; ~ = stopped there,"
                        + " rate from the part done%n",
                settings.threads(), settings.commands(), settings.creates(), settings.batchSize(), settings.cap().toSeconds(),
                settings.baselineCap().toSeconds());
        out.printf(Locale.ROOT, "   replay and create: the median of %d runs each, for both engines; the other figures: one run%n",
                settings.repeats());
        int cpus = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "   highest 1-minute load average seen between phases: %.1f on %d CPUs%s%n",
                results.peakLoadAverage, cpus, results.peakLoadAverage > cpus + 0.5
                        ? " (other programs competed for the CPUs: rates are low and noisy; the CPU table is steadier)" : "");
        out.println();
        out.printf(Locale.ROOT, "%-11s %11s %10s %12s %8s %8s %10s %8s %8s %11s%n", "store", "size", "fill ev/s",
                "existing/s", "p50 ms", "p99 ms", "create/s", "p50 ms", "p99 ms", "replay ev/s");
        printStore(RegisterStore.LABEL, results.register);
        printStore(AxonMongoStore.LABEL, results.axonMongo);

        out.println();
        out.println("ceiling: the server alone on the register's commit documents (raw driver, no Axon, no engine), the best"
                + " strategy (*) of each race; ~ = stopped once it could no longer win");
        for (BackendResults.AtSize at : results.register.values()) {
            if (at.ceiling != null) {
                race(at.size, "replay: read, decode and project the store", "events/s", at.ceiling.replay());
                race(at.size, "append: copies of its commits", "documents/s", at.ceiling.append());
            }
        }

        out.println();
        out.println("process CPU per operation, microseconds (client, Axon and the embedded server together), and in brackets"
                + " the share of the time spent in garbage collection");
        out.printf(Locale.ROOT, "%-11s %11s %13s %13s %13s %13s%n", "store", "size", "fill", "existing", "create", "replay");
        cpuRows(RegisterStore.LABEL, results.register);
        cpuRows(AxonMongoStore.LABEL, results.axonMongo);
        out.println();
        out.println("driver commands sent per operation (per command for appends, per event for replay)");
        tripRows(RegisterStore.LABEL, results.register);
        tripRows(AxonMongoStore.LABEL, results.axonMongo);

        if (results.loadTime != null) {
            out.println();
            out.printf(Locale.ROOT, "aggregate load (%d events, one commit each) in a %,d-event store, mean / p50 / p99 over"
                    + " %d loads:%n", LoadTime.EVENTS, results.loadTimeStoreSize, results.loadTime.withSnapshot().loads());
            loadLine("without snapshot", results.loadTime.withoutSnapshot());
            loadLine("with snapshot", results.loadTime.withSnapshot());
        }

        Headline h = headline(results);
        CpuView cpu = cpuView(results);
        long baselineSize = settings.baselineSizes().get(settings.baselineSizes().size() - 1);
        String span = String.format(Locale.ROOT, "%,d -> %,d", settings.smallestSize(), settings.largestSize());
        out.println();
        out.printf(Locale.ROOT, "targets (judged on the rates; the CPU column is the same ratio from CPU per operation)%n");
        out.printf(Locale.ROOT, "  %-48s %10s %10s   %-12s%n", "", "rates", "CPU", "target");
        target(String.format(Locale.ROOT, "existing append vs axon-mongo @%,d", baselineSize), h.appendVsAxonMongo(),
                cpu.appendVsAxonMongo(), ">=", 10);
        target(String.format(Locale.ROOT, "create append vs axon-mongo @%,d", baselineSize), h.createVsAxonMongo(),
                cpu.createVsAxonMongo(), ">=", 1);
        target(String.format(Locale.ROOT, "replay vs axon-mongo @%,d", baselineSize), h.replayVsAxonMongo(),
                cpu.replayVsAxonMongo(), ">=", 20);
        target(String.format(Locale.ROOT, "replay vs ceiling @%,d", settings.largestSize()), h.replayVsCeiling(),
                cpu.replayVsCeiling(), ">=", 0.5);
        target(String.format(Locale.ROOT, "whole-store verification vs replay ceiling @%,d", settings.largestSize()),
                h.verifyVsCeiling(), Double.NaN, ">=", 0.5);
        target("existing append flatness " + span, h.appendFlatness(), cpu.appendFlatness(), "<=", 1.5);
        target("create append flatness " + span, h.createFlatness(), cpu.createFlatness(), "<=", 1.5);
        target("replay flatness " + span, h.replayFlatness(), cpu.replayFlatness(), "<=", 1.5);
        target(String.format(Locale.ROOT, "aggregate load with snapshot @%,d, mean ms", results.loadTimeStoreSize),
                h.loadWithSnapshotMillis(), Double.NaN, "<=", 2);
        checks(results);
    }

    String resultLine(Headline h) {
        return String.format(Locale.ROOT, "RESULT append_eps=%s create_eps=%s replay_eps=%s append_vs_axon_mongo=%s"
                        + " create_vs_axon_mongo=%s replay_vs_axon_mongo=%s replay_vs_ceiling=%s append_flatness=%s"
                        + " replay_flatness=%s verify_eps=%s verify_vs_ceiling=%s",
                whole(h.appendEps()), whole(h.createEps()), whole(h.replayEps()), two(h.appendVsAxonMongo()),
                two(h.createVsAxonMongo()), two(h.replayVsAxonMongo()), two(h.replayVsCeiling()),
                two(h.appendFlatness()), two(h.replayFlatness()), whole(h.verifyEps()), two(h.verifyVsCeiling()));
    }

    private void printStore(String label, Map<Long, BackendResults.AtSize> figures) {
        for (BackendResults.AtSize at : figures.values()) {
            out.printf(Locale.ROOT, "%-11s %,11d %10s %12s %8s %8s %10s %8s %8s %11s%n", label, at.size, rate(at.fill),
                    at.existing == null ? "-" : rate(at.existing.rate()), millis(at.existing, true),
                    millis(at.existing, false), at.create == null ? "-" : rate(at.create.rate()), millis(at.create, true),
                    millis(at.create, false), at.replay == null ? "-" : rate(at.replay.rate()));
        }
    }

    private void race(long size, String title, String unit, Ceiling.Race race) {
        out.printf(Locale.ROOT, "%-11s %,11d  %-44s %11s %13s%n", "ceiling", size, title, unit, "CPU µs (GC)");
        Ceiling.Strategy best = race.best();
        for (Ceiling.Strategy strategy : race.strategies()) {
            out.printf(Locale.ROOT, "%-11s %11s  %-42s %1s %11s %13s%n", "", "", strategy.name(),
                    strategy == best ? "*" : "", rate(strategy.rate()), cpu(strategy.rate()));
        }
    }

    private void cpuRows(String label, Map<Long, BackendResults.AtSize> figures) {
        for (BackendResults.AtSize at : figures.values()) {
            out.printf(Locale.ROOT, "%-11s %,11d %13s %13s %13s %13s%n", label, at.size, cpu(at.fill),
                    at.existing == null ? "-" : cpu(at.existing.rate()), at.create == null ? "-" : cpu(at.create.rate()),
                    at.replay == null ? "-" : cpu(at.replay.rate()));
        }
    }

    private void tripRows(String label, Map<Long, BackendResults.AtSize> figures) {
        for (BackendResults.AtSize at : figures.values()) {
            out.printf(Locale.ROOT, "%-11s %,11d  existing: %s%n", label, at.size, at.existingTrips);
            out.printf(Locale.ROOT, "%-11s %11s  create:   %s%n", "", "", at.createTrips);
            out.printf(Locale.ROOT, "%-11s %11s  replay:   %s%s%n", "", "", at.replayTrips, at.replay == null ? ""
                    : String.format(Locale.ROOT, " (processor batches of %,.0f events on average)", at.replay.averageBatch()));
        }
    }

    private static String cpu(Rate rate) {
        return rate.measured()
                ? String.format(Locale.ROOT, "%,.0f (%.0f%%)", rate.cpuMicrosPerOperation(), 100 * rate.gcShare()) : "-";
    }

    /** Failures and sanity checks, so a fast but wrong run cannot pass unnoticed. */
    private void checks(BackendResults results) {
        for (Map<Long, BackendResults.AtSize> store : java.util.List.of(results.register, results.axonMongo)) {
            for (BackendResults.AtSize at : store.values()) {
                String where = (store == results.register ? RegisterStore.LABEL : AxonMongoStore.LABEL) + " @" + at.size;
                for (AppendRun.Outcome outcome : new AppendRun.Outcome[]{at.existing, at.create}) {
                    if (outcome != null && outcome.failures() > 0) {
                        out.printf(Locale.ROOT, "WARNING %s: %d commands failed, first: %s%n", where, outcome.failures(),
                                outcome.firstFailure());
                    }
                }
                if (at.replay != null && !at.replay.rate().bounded()) {
                    long accounts = at.size / Workload.EVENTS_PER_ACCOUNT;
                    if (at.replay.viewDocuments() != accounts || at.replay.viewEntries() != at.size - accounts) {
                        out.printf(Locale.ROOT, "WARNING %s: the replayed view holds %d accounts and %d entries, expected"
                                + " %d and %d%n", where, at.replay.viewDocuments(), at.replay.viewEntries(), accounts,
                                at.size - accounts);
                    }
                }
            }
        }
    }

    private void loadLine(String label, LoadTime.Outcome outcome) {
        out.printf(Locale.ROOT, "  %-17s %7.3f / %7.3f / %7.3f ms%n", label, outcome.meanMillis(), outcome.p50Millis(),
                outcome.p99Millis());
    }

    private void target(String label, double value, double cpuValue, String comparison, double goal) {
        String verdict;
        if (Double.isNaN(value)) {
            verdict = "not measured";
        } else {
            boolean met = comparison.equals(">=") ? value >= goal : value <= goal;
            verdict = met ? "met" : "MISSED";
        }
        String goalText = comparison + " " + (goal == Math.rint(goal) ? String.valueOf((long) goal) : String.valueOf(goal));
        out.printf(Locale.ROOT, "  %-48s %10s %10s   %-12s %s%n", label, two(value), Double.isNaN(cpuValue) ? "" : two(cpuValue),
                goalText, verdict);
    }

    private static String millis(AppendRun.Outcome outcome, boolean median) {
        if (outcome == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", median ? outcome.p50Millis() : outcome.p99Millis());
    }

    private static String rate(Rate rate) {
        if (!rate.measured()) {
            return "-";
        }
        return (rate.bounded() ? "~" : "") + String.format(Locale.ROOT, "%,.0f", rate.perSecond());
    }

    private static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }

    private static String whole(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String two(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }
}
