package ma.crafts.register.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    private final Settings settings = Settings.fromEnvironment(Map.of());

    /** {@code perSecond} operations in one second, at {@code cpuMicros} of CPU each. */
    private static Rate rate(double perSecond, double cpuMicros) {
        return new Rate((long) perSecond, 1.0, perSecond * cpuMicros / 1e6, 0.1, false);
    }

    private static AppendRun.Outcome append(double perSecond, double cpuMicros) {
        return new AppendRun.Outcome(rate(perSecond, cpuMicros), 0, null, 1, 2);
    }

    private static void fill(BackendResults.AtSize at, double existing, double create, double replay, double cpu) {
        at.existing = append(existing, cpu);
        at.create = append(create, cpu);
        at.replay = new ReplayRun.Outcome(rate(replay, cpu), at.size / 5, at.size - at.size / 5, 10);
    }

    private BackendResults results() {
        BackendResults results = new BackendResults("memory");
        fill(results.register(10_000), 2000, 4000, 20_000, 100);
        fill(results.register(100_000), 1800, 3600, 19_000, 110);
        fill(results.register(1_000_000), 1600, 3200, 16_000, 125);
        fill(results.axonMongo(10_000), 500, 5000, 5000, 400);
        fill(results.axonMongo(100_000), 60, 4000, 800, 2000);
        results.register(1_000_000).ceiling = new Ceiling.Figures(
                new Ceiling.Race(List.of(new Ceiling.Strategy("one thread", rate(25_000, 40)),
                        new Ceiling.Strategy("read-ahead", rate(40_000, 50)))),
                new Ceiling.Race(List.of(new Ceiling.Strategy("insertMany", rate(90_000, 20)))));
        results.loadTime = new LoadTime.Figures(new LoadTime.Outcome(3, 2, 5, 10), new LoadTime.Outcome(0.5, 0.4, 1, 10));
        results.loadTimeStoreSize = 1_000_000;
        return results;
    }

    @Test
    void headline_takesRatesAtTheLargestSize_ratiosAtTheLargestBaselineSize_andFlatnessAsCostRatio() {
        Report.Headline headline = new Report(settings, System.out).headline(results());

        assertThat(headline.appendEps()).isEqualTo(1600);
        assertThat(headline.createEps()).isEqualTo(3200);
        assertThat(headline.replayEps()).isEqualTo(16_000);
        assertThat(headline.appendVsAxonMongo()).isCloseTo(1800.0 / 60, within(1e-9));
        assertThat(headline.createVsAxonMongo()).isCloseTo(3600.0 / 4000, within(1e-9));
        assertThat(headline.replayVsAxonMongo()).isCloseTo(19_000.0 / 800, within(1e-9));
        assertThat(headline.replayVsCeiling()).isCloseTo(16_000.0 / 40_000, within(1e-9));
        // Cost per event at 1M divided by cost at 10k: 1/1600 over 1/2000.
        assertThat(headline.appendFlatness()).isCloseTo(2000.0 / 1600, within(1e-9));
        assertThat(headline.replayFlatness()).isCloseTo(20_000.0 / 16_000, within(1e-9));
        assertThat(headline.loadWithSnapshotMillis()).isEqualTo(0.5);
    }

    @Test
    void resultLine_hasTheIssuesFieldsInOrder() {
        Report report = new Report(settings, System.out);

        assertThat(report.resultLine(report.headline(results()))).isEqualTo("RESULT append_eps=1600 create_eps=3200"
                + " replay_eps=16000 append_vs_axon_mongo=30.00 create_vs_axon_mongo=0.90 replay_vs_axon_mongo=23.75"
                + " replay_vs_ceiling=0.40 append_flatness=1.25 replay_flatness=1.25"
                + " verify_eps=n/a verify_vs_ceiling=n/a");
    }

    @Test
    void aMissingBaseline_isReportedAsNotAvailable_notAsAFigure() {
        BackendResults results = results();
        results.axonMongo.remove(100_000L);
        Report report = new Report(settings, System.out);

        assertThat(report.resultLine(report.headline(results)))
                .contains("append_vs_axon_mongo=n/a", "create_vs_axon_mongo=n/a", "replay_vs_axon_mongo=n/a");
    }

    @Test
    void printedCeiling_listsEveryStrategy_andMarksTheFastest() {
        String printed = printed(results());

        assertThat(printed).containsPattern("one thread +25,000 ");
        assertThat(printed).containsPattern("read-ahead +\\* +40,000 ");
        assertThat(printed).containsPattern("insertMany +\\* +90,000 ");
    }

    @Test
    void printedTargets_sayWhichAreMissed() {
        String printed = printed(results());

        assertThat(printed).containsPattern("existing append vs axon-mongo @100,000 +30\\.00 .*met");
        assertThat(printed).containsPattern("create append vs axon-mongo @100,000 +0\\.90 .*MISSED");
        assertThat(printed).containsPattern("replay vs ceiling @1,000,000 +0\\.40 +0\\.32 .*MISSED");
        assertThat(printed).containsPattern("aggregate load with snapshot @1,000,000, mean ms +0\\.50 .*met");
    }

    private String printed(BackendResults results) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new Report(settings, new PrintStream(buffer, true, StandardCharsets.UTF_8)).print(results);
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
