package ma.crafts.register.eventstore;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * A real Axon tracking event processor tailing the store into an in-memory projection that remembers how often each
 * event arrived and in which order.
 */
final class Tail implements AutoCloseable {
    final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    final List<Long> positionsInDeliveryOrder = Collections.synchronizedList(new ArrayList<>());
    final TrackingEventProcessor processor;
    private final EmbeddedEventStore eventStore;
    private final MongoTokenStore tokenStore;
    private final String name;

    Tail(MongoEventStorageEngine engine, MongoTokenStore tokenStore, String name) {
        this.tokenStore = tokenStore;
        this.name = name;
        this.eventStore = EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(20).cleanupDelay(1000).build();
        this.processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new Object() {
                    @EventHandler
                    void on(Object payload, EventMessage<?> message) {
                        // The position first: a waiter that sees the delivery counted then finds its position listed.
                        positionsInDeliveryOrder.add(((Number) message.getMetaData().get("globalPosition")).longValue());
                        deliveries.computeIfAbsent(message.getIdentifier(), id -> new AtomicInteger()).incrementAndGet();
                    }
                }).build())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(100).andEventAvailabilityTimeout(50, java.util.concurrent.TimeUnit.MILLISECONDS))
                .build();
        processor.start();
    }

    void awaitDelivered(int count, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> deliveries.size() >= count);
    }

    int duplicates() {
        return (int) deliveries.values().stream().filter(times -> times.get() > 1).count();
    }

    GapAwareTrackingToken token() {
        TrackingToken token = tokenStore.peekTokens(name).get(0);
        return (GapAwareTrackingToken) WrappedToken.unwrapLowerBound(token);
    }

    void replayFromStart() {
        processor.shutDown();
        processor.resetTokens();
        deliveries.clear();
        positionsInDeliveryOrder.clear();
        processor.start();
    }

    @Override
    public void close() {
        processor.shutDown();
        eventStore.shutDown();
    }
}
