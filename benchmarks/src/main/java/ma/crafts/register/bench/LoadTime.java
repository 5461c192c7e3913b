package ma.crafts.register.bench;

import java.util.Arrays;
import java.util.UUID;
import ma.crafts.register.bench.BenchMessages.OpenAccount;
import ma.crafts.register.bench.BenchMessages.RecordEntry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/**
 * How long Axon's repository takes to load an aggregate of {@value #EVENTS} events, each its own commit, from a full
 * store: once with no snapshot (all events are read) and once with a snapshot taken by a snapshot trigger.
 */
final class LoadTime {
    static final int EVENTS = 100;

    private LoadTime() {
    }

    record Outcome(double meanMillis, double p50Millis, double p99Millis, int loads) {
    }

    record Figures(Outcome withoutSnapshot, Outcome withSnapshot) {
    }

    static Figures measure(StoreUnderTest store, int iterations) {
        EventSourcingRepository<BenchAccount> repository = EventSourcingRepository.builder(BenchAccount.class)
                .eventStore(store.eventStore()).build();
        AggregateSnapshotter snapshotter = AggregateSnapshotter.builder().eventStore(store.eventStore())
                .aggregateFactories(new GenericAggregateFactory<>(BenchAccount.class)).build();
        EventSourcingRepository<BenchAccount> snapshotting = EventSourcingRepository.builder(BenchAccount.class)
                .eventStore(store.eventStore())
                .snapshotTriggerDefinition(new EventCountSnapshotTriggerDefinition(snapshotter, EVENTS))
                .build();

        String plain = build(repository, "load-plain-" + UUID.randomUUID());
        String snapshotted = build(snapshotting, "load-snapshot-" + UUID.randomUUID());
        DomainEventMessage<?> snapshot = store.engine().readSnapshot(snapshotted)
                .orElseThrow(() -> new IllegalStateException("The snapshot trigger stored no snapshot"));
        if (snapshot.getSequenceNumber() != EVENTS - 1) {
            throw new IllegalStateException("Expected a snapshot at sequence " + (EVENTS - 1) + ", got "
                    + snapshot.getSequenceNumber());
        }
        if (store.engine().readSnapshot(plain).isPresent()) {
            throw new IllegalStateException("The aggregate measured without a snapshot has one");
        }
        int warmUp = Math.max(iterations / 5, 20);
        time(repository, plain, warmUp);
        time(repository, snapshotted, warmUp);
        return new Figures(time(repository, plain, iterations), time(repository, snapshotted, iterations));
    }

    private static String build(EventSourcingRepository<BenchAccount> repository, String accountId) {
        DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> repository.newInstance(
                () -> new BenchAccount(new OpenAccount(accountId, "Khadija Alaoui / خديجة العلوي", "MA-06"))));
        for (int sequence = 1; sequence < EVENTS; sequence++) {
            long amount = sequence;
            DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load(accountId)
                    .execute(account -> account.handle(new RecordEntry(accountId, amount, "Cotisation / اشتراك"))));
        }
        return accountId;
    }

    private static Outcome time(EventSourcingRepository<BenchAccount> repository, String accountId, int loads) {
        long[] nanos = new long[loads];
        int[] entries = new int[1];
        for (int i = 0; i < loads; i++) {
            long start = System.nanoTime();
            DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load(accountId)
                    .execute(account -> entries[0] = account.entries()));
            nanos[i] = System.nanoTime() - start;
            if (entries[0] != EVENTS - 1) {
                throw new IllegalStateException("Loaded " + accountId + " with " + entries[0] + " entries, expected "
                        + (EVENTS - 1));
            }
        }
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        Arrays.sort(nanos);
        return new Outcome(mean, AppendRun.percentile(nanos, 0.50), AppendRun.percentile(nanos, 0.99), loads);
    }
}
