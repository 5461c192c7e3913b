package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guarantee 4 (Axon features): the holders of a rare payload type are found from an index, wherever they sit. */
class PayloadTypeHoldersContractTest {
    private final StoreFixture fixture = new StoreFixture();

    record ThingErased(String thingId) {
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void everyAggregateHoldingTheType_isFound_whereverItsEventSitsInACommit() {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));
        engine.appendEvents(TestEvents.commit("kept", 0, 3));
        engine.appendEvents(erased("alone", 0));
        List<EventMessage<?>> inTheMiddle = new ArrayList<>(TestEvents.commit("middle", 0, 2));
        inTheMiddle.add(erased("middle", 2).get(0));
        inTheMiddle.addAll(TestEvents.commit("middle", 3, 1));
        engine.appendEvents(inTheMiddle);
        List<EventMessage<?>> twoAggregates = new ArrayList<>(TestEvents.commit("neighbour", 0, 1));
        twoAggregates.addAll(erased("shared", 0));
        engine.appendEvents(twoAggregates);
        engine.appendEvents(TestEvents.notification("no aggregate"));

        assertThat(fixture.engine(Duration.ofSeconds(30)).aggregatesHolding(ThingErased.class))
                .as("read by another process, from the stored commits alone")
                .containsExactlyInAnyOrder("alone", "middle", "shared");
        assertThat(engine.aggregatesHolding(TestEvents.ThingHappened.class))
                .containsExactlyInAnyOrder("kept", "middle", "neighbour");
    }

    @Test
    void theLookupLeavesAPartialIndexOfJustTheTypesCommits_soThatMongoDbNeverReadsTheWholeStore() {
        MongoEventStorageEngine engine = fixture.engine(Duration.ofSeconds(30));
        engine.appendEvents(erased("alone", 0));
        assertThat(engine.aggregatesHolding(ThingErased.class)).containsExactly("alone");
        assertThat(engine.aggregatesHolding(ThingErased.class)).as("asked again, the index already there")
                .containsExactly("alone");

        Document index = fixture.newProcessDatabase().getCollection("commits").listIndexes()
                .into(new ArrayList<>()).stream()
                .filter(candidate -> "holders_of_ThingErased".equals(candidate.getString("name")))
                .findFirst().orElseThrow();
        assertThat(index.get("key", Document.class)).containsEntry("events.payloadType", 1);
        assertThat(index.get("partialFilterExpression", Document.class))
                .containsEntry("events.payloadType", ThingErased.class.getName());
    }

    private static List<EventMessage<?>> erased(String aggregateId, long sequence) {
        return List.of(new GenericDomainEventMessage<>("Thing", aggregateId, sequence, new ThingErased(aggregateId)));
    }
}
