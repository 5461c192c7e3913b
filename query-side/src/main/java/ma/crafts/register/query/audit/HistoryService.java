package ma.crafts.register.query.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.artisan.ArtisanStream;
import ma.crafts.register.query.artisan.ArtisanStreamReader;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * An artisan's history, read straight from the event store (so it is never behind a projection) and folded once, in
 * order, so that each event on the page is shown with what it changed in the artisan's state. Sealed personal data is
 * opened for auditors and the clerks of the artisan's current region, and masked for every other role.
 */
public class HistoryService {

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

    private final ArtisanStreamReader streams;
    private final Set<String> eventTypes;
    private final PersonalDataDisclosure disclosure;
    private final ReadAccess access;
    private final ObjectMapper objectMapper;
    private final ProjectionFreshness freshness;

    public HistoryService(ArtisanStreamReader streams, ArtisanFolding folding, PersonalDataDisclosure disclosure,
                          ReadAccess access, ObjectMapper objectMapper, ProjectionFreshness freshness) {
        this.streams = streams;
        this.eventTypes = folding.eventTypes();
        this.disclosure = disclosure;
        this.access = access;
        this.objectMapper = objectMapper;
        this.freshness = freshness;
    }

    /** The event types an artisan's stream can hold, for the {@code type} filter. */
    public Set<String> eventTypes() {
        return eventTypes;
    }

    public HistoryPage history(String artisanId, HistoryQuery query) {
        access.requireArtisanReader();
        freshness.awaitStore(query.paging().minPosition());
        ArtisanStream stream = streams.read(artisanId)
                .orElseThrow(() -> new NotFoundException("No artisan is registered under " + artisanId));
        List<ArtisanStream.Step> steps = stream.steps();
        ArtisanState now = steps.get(steps.size() - 1).after();
        // Full disclosure (an auditor, or a clerk of the artisan's current region, who amends that data) opens the
        // sealed personal data and shows identifying text recorded in clear, as the view shows such a caller names.
        boolean full = access.requireArtisanRead(now.regionCode()) == ReadAccess.Disclosure.FULL;
        List<DomainEventMessage<?>> messages = stream.messages();
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (query.matches(messages.get(i))) {
                matching.add(i);
            }
        }
        int size = query.paging().size();
        int first = Math.min(query.paging().page() * size, matching.size());
        List<HistoryItem> items = new ArrayList<>(size);
        for (int index : matching.subList(first, Math.min(first + size, matching.size()))) {
            ArtisanState before = index == 0 ? null : steps.get(index - 1).after();
            items.add(item(messages.get(index), tree(before), tree(steps.get(index).after()), full));
        }
        return new HistoryPage(items, query.paging().page(), size, matching.size());
    }

    private JsonNode tree(ArtisanState state) {
        if (state == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        ObjectNode tree = objectMapper.valueToTree(state);
        tree.remove(BOOKKEEPING);
        return tree;
    }

    private HistoryItem item(DomainEventMessage<?> message, JsonNode before, JsonNode after, boolean full) {
        MetaData metaData = message.getMetaData();
        long position = ArtisanEvent.positionOf(message);
        JsonNode payload = withStatedReason(objectMapper.valueToTree(message.getPayload()), metaData);
        PersonalDataDisclosure.Shown shown = disclosure.show(payload, full);
        JsonNode reason = payload.get(REASON);
        return new HistoryItem(position < 0 ? null : position, message.getSequenceNumber(),
                message.getPayloadType().getSimpleName(), message.getTimestamp(), text(metaData, RECORDED_BY),
                text(metaData, CHAMBER), text(metaData, CORRELATION_ID), text(metaData, TRACE_ID),
                reason == null || !reason.isTextual() ? null : PersonalDataDisclosure.text(reason.asText(), full),
                objectMapper.convertValue(shown.json(), PAYLOAD), disclosure.changes(before, after, full),
                shown.erased());
    }

    /**
     * Shows a reason stated in the metadata as the payload's {@code reason}, where a reason of its own would be, so
     * that it is masked like one; an event's own reason wins.
     */
    private static JsonNode withStatedReason(JsonNode payload, MetaData metaData) {
        String stated = text(metaData, REASON);
        if (stated == null || !(payload instanceof ObjectNode object) || object.hasNonNull(REASON)) {
            return payload;
        }
        return object.put(REASON, stated);
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }
}
