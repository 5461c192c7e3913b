package ma.crafts.register.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/** The benchmark's knobs, read from the environment (bench/event-store.sh passes them through). */
record Settings(List<Long> sizes, List<Long> baselineSizes, List<String> backends, int commands, int creates, int threads,
                int batchSize, int fillThreads, OptionalInt writers, Duration cap, Duration baselineCap, int loadIterations,
                boolean warmUp, int repeats) {

    /**
     * Creates per run. A create leaves a few kilobytes on the embedded server's heap, so the young collections that copy
     * it are part of its cost. A run must hold several of them, or whichever engine happens to get the only one loses
     * noticeably against the other (bench/README.md, "Figures behind the code"). G1 resizes the young generation, though:
     * after a phase that allocated heavily a run may still hold none, so read the GC column.
     */
    static final int DEFAULT_CREATES = 100_000;

    /** This process's settings; a setting it cannot read ends the process (status 2), saying which. */
    static Settings ofThisProcess(String benchmark) {
        try {
            return fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(benchmark + ": " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    static Settings fromEnvironment(Map<String, String> env) {
        List<Long> sizes = sizes(env.getOrDefault("SIZES", "10000,100000,1000000"), "SIZES");
        List<Long> baseline = sizes(env.getOrDefault("BASELINE_SIZES", "10000,100000"), "BASELINE_SIZES");
        List<String> backends = new ArrayList<>();
        for (String backend : env.getOrDefault("BACKENDS", "memory,h2").split(",")) {
            String name = backend.trim().toLowerCase(java.util.Locale.ROOT);
            if (!name.equals("memory") && !name.equals("h2")) {
                throw new IllegalArgumentException("BACKENDS: unknown backend '" + backend + "' (memory, h2)");
            }
            if (!backends.contains(name)) {
                backends.add(name);
            }
        }
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("BACKENDS names no backend");
        }
        return new Settings(sizes, baseline, List.copyOf(backends),
                positive(env, "COMMANDS", 20_000), positive(env, "CREATES", DEFAULT_CREATES), positive(env, "THREADS", 4),
                positive(env, "BATCH", 1000),
                positive(env, "FILL_THREADS", 64),
                optionalPositive(env, "WRITERS"), Duration.ofSeconds(positive(env, "MAX_SECONDS", 900)),
                Duration.ofSeconds(positive(env, "BASELINE_MAX_SECONDS", 240)), positive(env, "LOAD_ITERATIONS", 500),
                !"0".equals(env.getOrDefault("WARMUP", "1")), positive(env, "REPEATS", 3));
    }

    /** Every size the register engine is measured at: its own sizes plus the baseline's, for the ratios. */
    List<Long> registerSizes() {
        TreeSet<Long> all = new TreeSet<>(sizes);
        all.addAll(baselineSizes);
        return List.copyOf(all);
    }

    long smallestSize() {
        return sizes.get(0);
    }

    long largestSize() {
        return sizes.get(sizes.size() - 1);
    }

    private static List<Long> sizes(String text, String name) {
        TreeSet<Long> sizes = new TreeSet<>();
        for (String part : text.split(",")) {
            String trimmed = part.trim().replace("_", "");
            if (trimmed.isEmpty()) {
                continue;
            }
            long size;
            try {
                size = Long.parseLong(trimmed);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": '" + part + "' is not a number of events");
            }
            if (size < Workload.EVENTS_PER_ACCOUNT * 10L || size % Workload.EVENTS_PER_ACCOUNT != 0) {
                throw new IllegalArgumentException(name + ": " + size + " must be a multiple of "
                        + Workload.EVENTS_PER_ACCOUNT + " and at least " + Workload.EVENTS_PER_ACCOUNT * 10);
            }
            sizes.add(size);
        }
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException(name + " names no size");
        }
        return List.copyOf(sizes);
    }

    /** Unset or blank: leave the choice to the engine's own default. */
    static OptionalInt optionalPositive(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? OptionalInt.empty() : OptionalInt.of(positive(env, name, 1));
    }

    static int positive(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, not '" + value + "'");
    }
}
