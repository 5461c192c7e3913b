package ma.crafts.register.bench;

import java.util.Map;
import java.util.TreeMap;

/** Everything measured on one server backend. */
final class BackendResults {
    /** The figures of one store at one size. */
    static final class AtSize {
        final long size;
        Rate fill = Rate.NONE;
        ReplayRun.Outcome replay;
        AppendRun.Outcome existing;
        AppendRun.Outcome create;
        Ceiling.Figures ceiling;
        /** A verification of the whole store (every hash, chain and position), on the replayed documents. */
        Rate verify = Rate.NONE;
        RoundTrips.PerOperation replayTrips = RoundTrips.PerOperation.NONE;
        RoundTrips.PerOperation existingTrips = RoundTrips.PerOperation.NONE;
        RoundTrips.PerOperation createTrips = RoundTrips.PerOperation.NONE;

        AtSize(long size) {
            this.size = size;
        }

        double replayEps() {
            return replay == null ? Double.NaN : replay.rate().perSecond();
        }

        double existingEps() {
            return existing == null ? Double.NaN : existing.rate().perSecond();
        }

        double createEps() {
            return create == null ? Double.NaN : create.rate().perSecond();
        }

        double verifyEps() {
            return verify.count() == 0 ? Double.NaN : verify.perSecond();
        }

        double replayCeilingEps() {
            return ceiling == null ? Double.NaN : ceiling.replay().best().rate().perSecond();
        }

        double replayCpu() {
            return replay == null ? Double.NaN : replay.rate().cpuMicrosPerOperation();
        }

        double existingCpu() {
            return existing == null ? Double.NaN : existing.rate().cpuMicrosPerOperation();
        }

        double createCpu() {
            return create == null ? Double.NaN : create.rate().cpuMicrosPerOperation();
        }

        double replayCeilingCpu() {
            return ceiling == null ? Double.NaN : ceiling.replay().leastCpuMicros();
        }
    }

    final String backend;
    final Map<Long, AtSize> register = new TreeMap<>();
    final Map<Long, AtSize> axonMongo = new TreeMap<>();
    LoadTime.Figures loadTime;
    long loadTimeStoreSize;
    /** The system's load average over the run, sampled between phases: other programs' share of the machine. */
    double peakLoadAverage;

    void sampleLoadAverage() {
        peakLoadAverage = Math.max(peakLoadAverage,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    BackendResults(String backend) {
        this.backend = backend;
    }

    AtSize register(long size) {
        return register.computeIfAbsent(size, AtSize::new);
    }

    AtSize axonMongo(long size) {
        return axonMongo.computeIfAbsent(size, AtSize::new);
    }
}
