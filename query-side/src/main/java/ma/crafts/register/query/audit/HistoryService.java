package ma.crafts.register.query.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.PersonalDataMasking;
import ma.crafts.register.query.PersonalDetails;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.artisan.ArtisanStream;
import ma.crafts.register.query.artisan.ArtisanStreamReader;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * An artisan's full history, read straight from the event store (so it is never behind a projection). Sealed personal
 * data anywhere in a payload is opened with the vault for auditors and the clerks of the artisan's current region, and
 * masked for every other role.
 */
public class HistoryService {

    static final String RECORDED_BY = "recordedBy";
    static final String CHAMBER = "chamber";
    static final String CORRELATION_ID = "correlationId";
    /** The reason a clerk stated for a change whose event has no reason field; the command side's StatedReason. */
    static final String REASON = "reason";
    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };
    private static final Set<String> SEALED_FIELDS = Set.of("keyId", "algorithm", "nonce", "ciphertext");
    /**
     * Payload fields recorded in clear that still point at one person: a diploma or attestation number, and the free
     * text of reasons and check details, where a clerk may have written anything. Masked for callers who see
     * personal data masked (a ministry analyst); the view does the same.
     */
    private static final Set<String> IDENTIFYING_TEXT = Set.of("diplomaRef", "evidenceRef", "reason", "detail");

    private final ArtisanStreamReader streams;
    private final PersonalDataVault vault;
    private final ReadAccess access;
    private final ObjectMapper objectMapper;
    private final ProjectionFreshness freshness;
    private final PersonalDataReadLog readLog;

    public HistoryService(ArtisanStreamReader streams, PersonalDataVault vault, ReadAccess access,
                          ObjectMapper objectMapper, ProjectionFreshness freshness, PersonalDataReadLog readLog) {
        this.readLog = readLog;
        this.streams = streams;
        this.freshness = freshness;
        this.vault = vault;
        this.access = access;
        this.objectMapper = objectMapper;
    }

    public List<HistoryItem> history(String artisanId, Long minPosition) {
        access.requireArtisanReader();
        freshness.awaitStore(minPosition);
        ArtisanStream stream = streams.read(artisanId)
                .orElseThrow(() -> new NotFoundException("No artisan is registered under " + artisanId));
        ArtisanState now = stream.current()
                .orElseThrow(() -> new NotFoundException("No artisan is registered under " + artisanId));
        // Full disclosure (an auditor, or a clerk of the artisan's current region, who amends that data) opens the
        // sealed personal data and shows identifying text recorded in clear, as the view shows such a caller names.
        boolean full = access.requireArtisanRead(now.regionCode()) == ReadAccess.Disclosure.FULL;
        List<HistoryItem> items = new ArrayList<>(stream.messages().size());
        Set<String> shownInClear = new LinkedHashSet<>();
        for (DomainEventMessage<?> message : stream.messages()) {
            items.add(item(message, full, shownInClear));
        }
        readLog.record(artisanId, shownInClear);
        return items;
    }


    private HistoryItem item(DomainEventMessage<?> message, boolean full, Set<String> shownInClear) {
        MetaData metaData = message.getMetaData();
        long position = ArtisanEvent.positionOf(message);
        JsonNode payload = withStatedReason(objectMapper.valueToTree(message.getPayload()), metaData);
        boolean[] erased = {false};
        Map<String, Object> shown = objectMapper.convertValue(disclose(payload, full, erased, shownInClear), PAYLOAD);
        return new HistoryItem(position < 0 ? null : position, message.getSequenceNumber(),
                message.getPayloadType().getSimpleName(), message.getTimestamp(), text(metaData, RECORDED_BY),
                text(metaData, CHAMBER), text(metaData, CORRELATION_ID), shown, erased[0]);
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

    /**
     * Walks a payload tree and replaces every sealed personal-data block: opened for full disclosure (null once
     * erased), {@code "***"} for everyone else. Recognising the block by its shape covers any event that carries sealed data.
     * Identifying text recorded in clear ({@link #IDENTIFYING_TEXT}) is masked for callers with masked disclosure.
     * What full disclosure shows in clear is named in {@code shownInClear}, for the read log.
     */
    private JsonNode disclose(JsonNode node, boolean full, boolean[] erased, Set<String> shownInClear) {
        if (node instanceof ObjectNode object) {
            if (isSealed(object)) {
                if (!full) {
                    return JsonNodeFactory.instance.textNode(PersonalDataMasking.MASK);
                }
                Optional<PersonalData> opened = vault.open(objectMapper.convertValue(object, SealedPersonalData.class));
                if (opened.isEmpty()) {
                    erased[0] = true;
                    return JsonNodeFactory.instance.nullNode();
                }
                shownInClear.addAll(PersonalDetails.of(opened, ReadAccess.Disclosure.FULL).fieldNames());
                return objectMapper.valueToTree(opened.get());
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                boolean identifying = field.getValue().isTextual() && IDENTIFYING_TEXT.contains(field.getKey());
                if (identifying && full) {
                    shownInClear.add(field.getKey());
                }
                copy.set(field.getKey(), identifying && !full
                        ? JsonNodeFactory.instance.textNode(PersonalDataMasking.MASK)
                        : disclose(field.getValue(), full, erased, shownInClear));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> copy.add(disclose(element, full, erased, shownInClear)));
            return copy;
        }
        return node;
    }

    private static boolean isSealed(ObjectNode object) {
        if (object.size() != SEALED_FIELDS.size()) {
            return false;
        }
        for (String field : SEALED_FIELDS) {
            if (!object.has(field)) {
                return false;
            }
        }
        return true;
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }
}
