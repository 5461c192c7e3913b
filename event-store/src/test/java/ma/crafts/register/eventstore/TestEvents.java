package ma.crafts.register.eventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;

final class TestEvents {
    private TestEvents() {
    }

    record ThingHappened(String thingId, int number, String note) {
    }

    static DomainEventMessage<ThingHappened> domain(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("Thing", aggregateId, sequence,
                new ThingHappened(aggregateId, (int) sequence, "نص عربي et français"), MetaData.with("recordedBy", "tester"));
    }

    /** A commit of {@code size} consecutive events of one aggregate. */
    static List<EventMessage<?>> commit(String aggregateId, long firstSequence, int size) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            events.add(domain(aggregateId, firstSequence + i));
        }
        return events;
    }

    static EventMessage<Map<String, String>> notification(String text) {
        return GenericEventMessage.asEventMessage(Map.of("text", text));
    }
}
