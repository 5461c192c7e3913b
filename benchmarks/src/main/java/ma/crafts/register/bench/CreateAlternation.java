package ma.crafts.register.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import ma.crafts.register.platform.PlatformProperties.EmbeddedBackend;
import ma.crafts.register.platform.mongo.EmbeddedMongoServer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * {@code bench/event-store.sh create-ab}: the create append alone, the register's engine and axon-mongo in alternating
 * rounds on fresh stores of one embedded server (memory backend), so both see the same JIT, heap and machine; this is
 * the steadier A/B for work on the create path. Each run also reports what the heap keeps per create once collected: on
 * the memory backend that is the stored document, and the young collections that copy it are most of what separates the
 * engines. Rounds in the first half warm up and are printed but not averaged. Knobs: {@code ROUNDS} (default 6),
 * {@code COMMANDS} (default {@link Settings#DEFAULT_CREATES}, enough young collections per run), {@code THREADS}
 * (default 4), {@code WRITERS} (the engine's group commits in flight; its own default unless set).
 */
public final class CreateAlternation {
    private CreateAlternation() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Map<String, String> env = System.getenv();
        int rounds = Settings.positive(env, "ROUNDS", 6);
        int commands = Settings.positive(env, "COMMANDS", Settings.DEFAULT_CREATES);
        int threads = Settings.positive(env, "THREADS", 4);
        OptionalInt writers = Settings.optionalPositive(env, "WRITERS");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedBackend.MEMORY, 0, null);
        double[] rate = new double[2];
        double[] cpu = new double[2];
        double[] kept = new double[2];
        int averaged = 0;
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString())).build())) {
            for (int round = 0; round < rounds; round++) {
                boolean measured = round >= rounds / 2;
                averaged += measured ? 1 : 0;
                for (int turn = 0; turn < 2; turn++) {
                    // Who goes first alternates too, so neither always runs right after the other's garbage.
                    int engine = (turn + round) % 2;
                    try (StoreUnderTest store = (engine == 0
                            ? new RegisterStore(client.getDatabase("create_ab_register_" + round), serializer, 1000, 1, writers)
                            : new AxonMongoStore(client.getDatabase("create_ab_axon_mongo_" + round), serializer, 1000)).start()) {
                        List<CommandMessage<?>> creates = Workload.newAccounts(commands, 1_000L * round + engine);
                        long heapBefore = EventStoreBenchmark.heapInUseAfterCollection();
                        AppendRun.Outcome outcome = AppendRun.run(store.commandGateway(), creates, threads, Duration.ofMinutes(5));
                        double keptPerCreate = (EventStoreBenchmark.heapInUseAfterCollection() - heapBefore)
                                / (double) creates.size();
                        out.printf(Locale.ROOT, "round %2d %-10s %,8.0f creates/s %7.1f µs CPU each (%.0f%% GC), %,6.0f B kept"
                                        + " on the heap per create%s%s%n", round, store.label, outcome.rate().perSecond(),
                                outcome.rate().cpuMicrosPerOperation(), 100 * outcome.rate().gcShare(), keptPerCreate,
                                outcome.failures() == 0 ? "" : ", " + outcome.failures() + " failed: " + outcome.firstFailure(),
                                measured ? "" : " (warm-up)");
                        if (measured) {
                            rate[engine] += outcome.rate().perSecond();
                            cpu[engine] += outcome.rate().cpuMicrosPerOperation();
                            kept[engine] += keptPerCreate;
                        }
                    }
                }
            }
        } finally {
            server.close();
        }
        out.printf(Locale.ROOT, "mean of the last %d rounds: register %,.0f/s (%.1f µs, %,.0f B kept per create), axon-mongo"
                        + " %,.0f/s (%.1f µs, %,.0f B kept per create)%n", averaged, rate[0] / averaged, cpu[0] / averaged,
                kept[0] / averaged, rate[1] / averaged, cpu[1] / averaged, kept[1] / averaged);
        out.printf(Locale.ROOT, "RESULT create_vs_axon_mongo=%.2f create_cpu_vs_axon_mongo=%.2f%n", rate[0] / rate[1], cpu[1] / cpu[0]);
        System.exit(0);
    }
}
