package ma.crafts.register.query.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Turns an actor's stream, folded once in order, into one page of its history: the events matching the query, each
 * with its metadata (who, for which chamber, trace id, reason) and the fields of the folded state it changed, personal
 * data opened or masked for the caller. Only the page's events are rendered, so a long stream costs one fold. A page
 * that shows personal data in clear is written to the read log once, naming every field it shows.
 */
public class HistoryPages {

    static final String RECORDED_BY = "recordedBy";
    static final String CHAMBER = "chamber";
    static final String CORRELATION_ID = "correlationId";
    /** Axon's trace id: the correlation data provider copies it from the request's command to every event. */
    static final String TRACE_ID = "traceId";
    /** The reason a clerk stated for a change whose event has no reason field; the command side's StatedReason. */
    static final String REASON = "reason";
    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };
    /** Bookkeeping that every event moves; listing it as a change would bury what the event actually changed. */
    private static final List<String> BOOKKEEPING = List.of("version", "position", "updatedAt", "registrationPosition");

    private final PersonalDataDisclosure disclosure;
    private final ObjectMapper objectMapper;
    private final PersonalDataReadLog readLog;

    public HistoryPages(PersonalDataDisclosure disclosure, ObjectMapper objectMapper, PersonalDataReadLog readLog) {
        this.disclosure = disclosure;
        this.objectMapper = objectMapper;
        this.readLog = readLog;
    }

    /**
     * @param actorId  whose stream it is, for the read log
     * @param messages the actor's stream, oldest first
     * @param states   the folded state after each message, same order and size
     * @param full     whether the caller sees personal data in clear
     */
    public HistoryPage page(String actorId, List<DomainEventMessage<?>> messages, List<?> states, HistoryQuery query, boolean full) {
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (query.matches(messages.get(i))) {
                matching.add(i);
            }
        }
        int size = query.paging().size();
        int first = Math.min(query.paging().page() * size, matching.size());
        List<HistoryItem> items = new ArrayList<>(size);
        Set<String> shownInClear = new LinkedHashSet<>();
        PersonalDataDisclosure.Reading reading = disclosure.reading(full, shownInClear);
        // Consecutive items share a state (one's after is the next one's before): each is turned into a tree once.
        Map<Integer, JsonNode> trees = new HashMap<>();
        IntFunction<JsonNode> treeAfter = index -> trees.computeIfAbsent(index,
                at -> tree(at < 0 ? null : states.get(at)));
        for (int index : matching.subList(first, Math.min(first + size, matching.size()))) {
            items.add(item(messages.get(index), treeAfter.apply(index - 1), treeAfter.apply(index), reading));
        }
        readLog.record(actorId, shownInClear);
        return new HistoryPage(items, query.paging().page(), size, matching.size());
    }

    private JsonNode tree(Object state) {
        if (state == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        ObjectNode tree = objectMapper.valueToTree(state);
        tree.remove(BOOKKEEPING);
        return tree;
    }

    private HistoryItem item(DomainEventMessage<?> message, JsonNode before, JsonNode after,
                             PersonalDataDisclosure.Reading reading) {
        MetaData metaData = message.getMetaData();
        long position = ArtisanEvent.positionOf(message);
        JsonNode payload = withStatedReason(objectMapper.valueToTree(message.getPayload()), metaData);
        PersonalDataDisclosure.Shown shown = reading.show(payload);
        JsonNode reason = shown.json().get(REASON);
        return new HistoryItem(position < 0 ? null : position, message.getSequenceNumber(),
                message.getPayloadType().getSimpleName(), message.getTimestamp(), text(metaData, RECORDED_BY),
                text(metaData, CHAMBER), text(metaData, CORRELATION_ID), text(metaData, TRACE_ID),
                reason == null || !reason.isTextual() ? null : reason.asText(),
                objectMapper.convertValue(shown.json(), PAYLOAD),
                reading.changes(before, after),
                shown.erased());
    }

    /**
     * Shows a reason stated in the metadata (sealed under the actor's key) as the payload's {@code reason}, where a
     * reason of its own would be, so that it is opened or masked like one; an event's own reason wins.
     */
    private JsonNode withStatedReason(JsonNode payload, MetaData metaData) {
        Object stated = metaData.get(REASON);
        if (stated == null || !(payload instanceof ObjectNode object) || object.hasNonNull(REASON)) {
            return payload;
        }
        return object.set(REASON, objectMapper.valueToTree(stated));
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }
}
