package ma.crafts.register.eventstore.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.MongoTokenStore;
import ma.crafts.register.eventstore.deadline.TestDatabases;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A saga on a tracking processor, with the Mongo event store, token store and saga store: its state and associations
 * survive a restart of the whole configuration, and it is removed when it ends.
 */
class SagaOnMongoTest {
    static final String PROCESSOR = "WatchProcessor";
    /** What each saga instance has counted, as seen by its handlers (the saga's own state is the thing under test). */
    static final Map<String, Integer> SEEN = new ConcurrentHashMap<>();

    record WatchOpened(String watchId, String artisanId) {
    }

    record ArtisanPinged(String artisanId) {
    }

    record WatchClosed(String watchId) {
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    public static class Watch {
        private String watchId;
        private int pings;

        @StartSaga
        @SagaEventHandler(associationProperty = "watchId")
        public void on(WatchOpened event) {
            watchId = event.watchId();
            SagaLifecycle.associateWith("artisanId", event.artisanId());
        }

        @SagaEventHandler(associationProperty = "artisanId")
        public void on(ArtisanPinged event) {
            pings++;
            SEEN.put(watchId, pings);
        }

        @EndSaga
        @SagaEventHandler(associationProperty = "watchId")
        public void on(WatchClosed event) {
            SEEN.put(watchId + ":closed", pings);
        }
    }

    private final TestDatabases databases = new TestDatabases();
    private final JacksonSerializer serializer = TestDatabases.serializer();
    private Configuration running;

    @AfterEach
    void tearDown() {
        if (running != null) {
            running.shutdown();
        }
        databases.close();
    }

    @Test
    void sagaStateAndAssociationsSurviveARestart_andTheSagaIsDeletedWhenItEnds() {
        SEEN.clear();
        MongoDatabase database = databases.newProcess();
        MongoSagaStore sagaStore = new MongoSagaStore(database, serializer);
        running = axon(database);
        running.start();
        publish(new WatchOpened("w-1", "a-1"), new WatchOpened("w-2", "a-2"), new ArtisanPinged("a-1"),
                new ArtisanPinged("a-1"), new ArtisanPinged("a-2"));
        await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(2).equals(SEEN.get("w-1"))
                && Integer.valueOf(1).equals(SEEN.get("w-2")));
        // The handler runs before its unit of work commits the saga: wait for the store, not just the handler.
        await().atMost(Duration.ofSeconds(15)).until(() ->
                sagaStore.findSagas(Watch.class, new AssociationValue("artisanId", "a-1")).size() == 1);
        running.shutdown();

        running = axon(databases.newProcess());
        running.start();
        publish(new ArtisanPinged("a-1"), new WatchClosed("w-1"));
        await().atMost(Duration.ofSeconds(15)).until(() -> SEEN.containsKey("w-1:closed")
                && database.getCollection(MongoSagaStore.SAGAS).countDocuments() == 1);
        assertThat(SEEN.get("w-1:closed")).as("the count kept in the stored saga").isEqualTo(3);
        assertThat(sagaStore.findSagas(Watch.class, new AssociationValue("artisanId", "a-1"))).isEmpty();
        assertThat(sagaStore.findSagas(Watch.class, new AssociationValue("artisanId", "a-2"))).hasSize(1);
        assertThat(database.getCollection(MongoSagaStore.SAGAS).countDocuments()).isEqualTo(1);
    }

    private void publish(Object... payloads) {
        running.eventBus().publish(List.of(payloads).stream().map(GenericEventMessage::asEventMessage).toList());
    }

    private Configuration axon(MongoDatabase database) {
        DefaultConfigurer configurer = (DefaultConfigurer) DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> MongoEventStorageEngine.builder()
                        .database(database)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .build());
        configurer.eventProcessing()
                .registerSaga(Watch.class)
                .registerSagaStore(c -> new MongoSagaStore(database, serializer))
                .registerTokenStore(PROCESSOR, c -> new MongoTokenStore(database, serializer, Duration.ofSeconds(1)))
                .registerTrackingEventProcessor(PROCESSOR, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                                .andTokenClaimInterval(200, java.util.concurrent.TimeUnit.MILLISECONDS));
        return configurer.buildConfiguration();
    }
}
