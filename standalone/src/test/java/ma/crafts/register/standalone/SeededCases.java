package ma.crafts.register.standalone;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * Generated test cases drawn from a {@link SplittableRandom}. Each suite draws from its own stream, seeded by the run's
 * seed and the suite's name, and draws all its cases before the first runs: the same seed gives every suite the same
 * cases whichever suites run and in whatever order, so a failure names the seed that replays it.
 */
final class SeededCases {

    /** The system property that overrides the seed, for replaying a failed run. */
    static final String SEED_PROPERTY = "hostile.seed";
    private static final long DEFAULT_SEED = 5017L;

    private final String suite;
    private final long seed;
    private final SplittableRandom random;

    private SeededCases(String suite, long seed) {
        this.suite = suite;
        this.seed = seed;
        this.random = new SplittableRandom(seed ^ suite.hashCode());
    }

    static SeededCases forSuite(String suite) {
        return new SeededCases(suite, Long.getLong(SEED_PROPERTY, DEFAULT_SEED));
    }

    /** A case: what it sends, shown as the test's name and in its failure, and the check that sends it. */
    record Case(String name, Executable check) {
    }

    /** {@code count} cases from {@code draw}, numbered from 1 in the order drawn. */
    Stream<DynamicTest> cases(int count, Supplier<Case> draw) {
        List<Case> drawn = Stream.generate(draw).limit(count).toList();
        return IntStream.range(0, count).mapToObj(index -> {
            Case generated = drawn.get(index);
            String name = "#" + (index + 1) + " " + abbreviated(generated.name());
            return dynamicTest(name, () -> run(name, generated.check()));
        });
    }

    <T> T of(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    boolean bool() {
        return random.nextBoolean();
    }

    /** From {@code min} to {@code max}, both included. */
    int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    /** From {@code min} to {@code max}, both included. */
    long between(long min, long max) {
        return random.nextLong(min, max + 1);
    }

    /** From 0 to 1, both included: the ends are the interesting places. */
    double fraction() {
        return random.nextInt(1_000_001) / 1_000_000d;
    }

    /** True {@code numerator} times in {@code denominator}. */
    boolean chance(int numerator, int denominator) {
        return random.nextInt(denominator) < numerator;
    }

    private void run(String name, Executable check) throws Throwable {
        try {
            check.execute();
        } catch (AssertionError | RuntimeException failure) {
            throw new AssertionError("%s %s failed; replay with -D%s=%d".formatted(suite, name, SEED_PROPERTY, seed), failure);
        }
    }

    /** Test names go into reports: a generated value can be far too long for one, and hold characters no report shows. */
    private static String abbreviated(String name) {
        StringBuilder shown = new StringBuilder();
        name.codePoints().limit(120).forEach(c -> shown.append(c < 0x20 || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE ? "U+%04X".formatted(c) : Character.toString(c)));
        return name.codePointCount(0, name.length()) > 120 ? shown + "…" : shown.toString();
    }
}
