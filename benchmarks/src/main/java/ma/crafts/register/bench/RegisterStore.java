package ma.crafts.register.bench;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.MongoTokenStore;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;

/** The register's own engine: one document per commit, store-assigned positions, group commit. */
final class RegisterStore extends StoreUnderTest {
    static final String LABEL = "register";

    private final int trackingBatchSize;
    private final int fillThreads;
    /** Group commits in flight; the engine's own default unless set. */
    private final OptionalInt writers;
    private final MongoTokenStore tokenStore;

    RegisterStore(MongoDatabase database, JacksonSerializer serializer, int trackingBatchSize, int fillThreads,
                  OptionalInt writers) {
        super(LABEL, database, serializer);
        this.trackingBatchSize = trackingBatchSize;
        this.fillThreads = fillThreads;
        this.writers = writers;
        this.tokenStore = new MongoTokenStore(database, serializer, Duration.ofSeconds(10));
    }

    @Override
    protected EventStorageEngine createEngine() {
        MongoEventStorageEngine.Builder builder = MongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .trackingBatchSize(trackingBatchSize);
        writers.ifPresent(builder::maxConcurrentWrites);
        return builder.build();
    }

    @Override
    TokenStore tokenStore() {
        return tokenStore;
    }

    /**
     * One commit per event, as commands produce them, written through the engine's own append path by many threads at
     * once so that its group commit packs them into large inserts. Each wave appends one more event to every account;
     * an account's events must be appended in order, so the waves run one after the other.
     */
    @Override
    void fill(Workload workload, Progress progress) {
        ExecutorService pool = Executors.newFixedThreadPool(fillThreads);
        AtomicLong written = new AtomicLong();
        long reportEvery = Math.max(workload.events / 10, 1);
        try {
            for (int sequence = 0; sequence < Workload.EVENTS_PER_ACCOUNT; sequence++) {
                int wave = sequence;
                AtomicInteger nextAccount = new AtomicInteger();
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < fillThreads; t++) {
                    workers.add(pool.submit(() -> {
                        int account;
                        while ((account = nextAccount.getAndIncrement()) < workload.accounts()) {
                            engine().appendEvents(workload.historyEvent(account, wave));
                            if (written.incrementAndGet() % reportEvery == 0) {
                                progress.say("  %s fill: %,d / %,d events", label, written.get(), workload.events);
                            }
                        }
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while filling the store", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Filling the store failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
