package ma.crafts.register.bench;

import com.mongodb.client.MongoCollection;
import java.time.Duration;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.bson.Document;

/**
 * A tracking event processor started at the tail of the store (position 0) and run until it has written every event to
 * the account view, timed from start to the last bulk write.
 */
final class ReplayRun {
    private ReplayRun() {
    }

    /** {@code batches}: the processor's units of work; Axon ends a batch early when no event is ready to go. */
    record Outcome(Rate rate, long viewDocuments, long viewEntries, long batches) {
        double averageBatch() {
            return batches == 0 ? 0 : (double) rate.count() / batches;
        }
    }

    static Outcome run(StoreUnderTest store, String processorName, long expectedEvents, int batchSize, Duration cap)
            throws InterruptedException {
        MongoCollection<Document> view = Scratch.empty(store.database, "view_" + processorName);
        AccountProjection projection = new AccountProjection(view);
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(processorName)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(projection).build())
                .messageSource(store.eventStore())
                .tokenStore(store.tokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(batchSize)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .build();
        Rate.Clock clock = Rate.Clock.start();
        processor.start();
        boolean complete;
        Rate rate;
        try {
            complete = projection.awaitApplied(expectedEvents, cap);
            rate = clock.stop(projection.applied());
        } finally {
            processor.shutDown();
        }
        long documents = view.countDocuments();
        long entries = 0;
        for (Document account : view.find()) {
            entries += account.get("entries", Number.class).longValue();
        }
        Scratch.drop(store.database, "view_" + processorName);
        return new Outcome(rate.bounded(!complete), documents, entries, projection.batches());
    }
}
