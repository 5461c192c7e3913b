package ma.crafts.register.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * A measured rate: {@code count} operations (events, commands) in {@code seconds} of wall-clock time, during which the
 * whole process (client, Axon and the embedded server alike, garbage collection and JIT compilation included, which
 * the warm-up keeps small) used {@code cpuSeconds} of CPU and the garbage collectors reported {@code gcSeconds} of
 * collection time. {@code bounded} is set when the measurement stopped at its time cap before doing everything it was
 * given, so the rate comes from a part of the work. CPU per operation is much less sensitive than the rate to other
 * programs competing for the machine. The memory backend keeps the whole store on the benchmark's heap, so collection
 * time grows with the store there; it says how much of a figure is the heap rather than the engine.
 */
record Rate(long count, double seconds, double cpuSeconds, double gcSeconds, boolean bounded) {
    static final Rate NONE = new Rate(0, 0, 0, 0, false);

    /** Marks the start of a measurement. */
    record Clock(long wallNanos, long cpuNanos, long gcMillis) {
        static Clock start() {
            return new Clock(System.nanoTime(), processCpuNanos(), collectionMillis());
        }

        Rate stop(long count) {
            return new Rate(count, (System.nanoTime() - wallNanos) / 1e9, (processCpuNanos() - cpuNanos) / 1e9,
                    (collectionMillis() - gcMillis) / 1e3, false);
        }
    }

    double perSecond() {
        return seconds <= 0 ? 0 : count / seconds;
    }

    /** Process CPU time per operation, in microseconds. */
    double cpuMicrosPerOperation() {
        return count <= 0 ? Double.NaN : cpuSeconds * 1e6 / count;
    }

    /** The share of the wall-clock time the garbage collectors reported as collection time. */
    double gcShare() {
        return seconds <= 0 ? Double.NaN : Math.min(1, gcSeconds / seconds);
    }

    boolean measured() {
        return seconds > 0 && count > 0;
    }

    Rate bounded(boolean wasBounded) {
        return new Rate(count, seconds, cpuSeconds, gcSeconds, wasBounded);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long collectionMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }
}
