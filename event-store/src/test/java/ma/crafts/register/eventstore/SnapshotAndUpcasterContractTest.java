package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guarantee 4: Axon snapshots (through a snapshot trigger) and the upcaster chain work on this engine. */
class SnapshotAndUpcasterContractTest {
    private final StoreFixture fixture = new StoreFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    record Incremented(String counterId, int by) {
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static class Counter {
        @AggregateIdentifier
        private String counterId;
        private int total;

        Counter() {
        }

        Counter(String counterId) {
            apply(new Incremented(counterId, 0));
        }

        void increment(int by) {
            apply(new Incremented(counterId, by));
        }

        @EventSourcingHandler
        void on(Incremented event) {
            counterId = event.counterId();
            total += event.by();
        }
    }

    @Test
    void snapshotTrigger_storesASnapshot_andTheAggregateLoadsFromItWithTheSameState() {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        AggregateSnapshotter snapshotter = AggregateSnapshotter.builder().eventStore(eventStore)
                .aggregateFactories(new GenericAggregateFactory<>(Counter.class)).build();
        EventSourcingRepository<Counter> repository = EventSourcingRepository.builder(Counter.class).eventStore(eventStore)
                .snapshotTriggerDefinition(new EventCountSnapshotTriggerDefinition(snapshotter, 10)).build();

        DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> repository.newInstance(() -> new Counter("c-1")));
        for (int i = 1; i <= 25; i++) {
            int by = i;
            DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load("c-1").execute(counter -> counter.increment(by)));
        }

        Document snapshot = fixture.newProcessDatabase().getCollection("snapshots").find(Filters.eq("_id", "c-1")).first();
        assertThat(snapshot).isNotNull();
        assertThat(snapshot.get("payload")).isInstanceOf(Document.class);
        assertThat(engine.readSnapshot("c-1")).isPresent();

        int[] total = new int[1];
        DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load("c-1").execute(counter -> total[0] = counter.total));
        assertThat(total[0]).isEqualTo(25 * 26 / 2);
        assertThat(engine.lastSequenceNumberFor("c-1")).contains(25L);

        engine.discardSnapshots(List.of("c-1", "never-snapshotted"));
        assertThat(engine.readSnapshot("c-1")).as("discarded").isEmpty();
        DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load("c-1").execute(counter -> total[0] = counter.total));
        assertThat(total[0]).as("loaded from its events alone").isEqualTo(25 * 26 / 2);
        eventStore.shutDown();
    }

    @Test
    void readingFromTheMiddleOfALongCommit_findsTheCommitThatHoldsIt() {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));
        engine.appendEvents(TestEvents.commit("long", 0, 40));
        engine.appendEvents(TestEvents.commit("long", 40, 3));
        assertThat(engine.readEvents("long", 30).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(30, 42).boxed().toList());
        assertThat(engine.readEvents("long", 43).asStream()).isEmpty();
        assertThat(engine.lastSequenceNumberFor("long")).contains(42L);
        assertThat(engine.lastSequenceNumberFor("never-written")).isEmpty();
    }

    @Revision("1")
    record LegacyGreeting(String text) {
    }

    @Revision("2")
    record Greeting(String message) {
    }

    static class GreetingUpcaster extends SingleEventUpcaster {
        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().equals(new SimpleSerializedType(LegacyGreeting.class.getName(), "1"));
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(Greeting.class.getName(), "2"), JsonNode.class,
                    node -> {
                        ObjectNode upcast = ((ObjectNode) node).deepCopy();
                        upcast.set("message", upcast.remove("text"));
                        return upcast;
                    });
        }
    }

    @Test
    void upcasterChain_appliesToAggregateAndTrackingReads() {
        fixture.engine(Duration.ofSeconds(30)).appendEvents(
                new GenericDomainEventMessage<>("Greeter", "g-1", 0, new LegacyGreeting("مرحبا / bonjour")));
        MongoEventStorageEngine upcasting = fixture.engine(Duration.ofSeconds(30), new GreetingUpcaster());

        List<Object> fromStream = upcasting.readEvents("g-1").asStream().map(m -> (Object) m.getPayload()).toList();
        List<Object> fromTracking = upcasting.readEvents((TrackingToken) null, false).map(m -> (Object) m.getPayload()).toList();

        assertThat(fromStream).containsExactly(new Greeting("مرحبا / bonjour"));
        assertThat(fromTracking).containsExactly(new Greeting("مرحبا / bonjour"));
    }
}
