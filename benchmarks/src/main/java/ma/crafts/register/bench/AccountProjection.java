package ma.crafts.register.bench;

import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import ma.crafts.register.bench.BenchMessages.AccountOpened;
import ma.crafts.register.bench.BenchMessages.EntryRecorded;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

/**
 * A simple Mongo projection, written the way a fast projection is written with Axon: the handlers only collect changes
 * in the processor's (batching) unit of work, and one bulk write per batch is issued when the unit of work commits,
 * together with the token.
 */
final class AccountProjection {
    private static final String BATCH = AccountProjection.class.getName() + ".batch";

    private final MongoCollection<Document> view;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();

    AccountProjection(MongoCollection<Document> view) {
        this.view = view;
    }

    @EventHandler
    void on(AccountOpened event) {
        batch().opened(event.accountId(), event.holder(), event.region());
    }

    @EventHandler
    void on(EntryRecorded event) {
        batch().entry(event.accountId(), event.amount());
    }

    private ProjectionBatch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            ProjectionBatch batch = new ProjectionBatch();
            unitOfWork.onPrepareCommit(committing -> {
                batch.writeTo(view);
                batches.incrementAndGet();
                applied.addAndGet(batch.events());
            });
            return batch;
        });
    }

    long applied() {
        return applied.get();
    }

    /** Units of work (processor batches) committed so far. */
    long batches() {
        return batches.get();
    }

    /** @return whether {@code expected} events were written to the view before the deadline */
    boolean awaitApplied(long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (applied.get() < expected) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }
}
