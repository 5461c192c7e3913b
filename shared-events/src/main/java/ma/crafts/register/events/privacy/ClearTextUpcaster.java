package ma.crafts.register.events.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads the reasons that events recorded in clear, before reasons were sealed under the actor's key, in the sealed
 * shape ({@link SealedText}, algorithm {@link SealedText#CLEAR}): a reason stated for a change (the metadata
 * {@code reason}, any event). The stored bytes stay as they are, since the hash chain covers them; readers then handle
 * one shape, and the vault shows such text only while the actor's key exists, so an erasure hides it like the rest.
 */
public final class ClearTextUpcaster extends SingleEventUpcaster {

    /** The metadata key of a reason stated for a change whose event has no reason of its own. */
    public static final String STATED_REASON = "reason";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        if (representation.getAggregateIdentifier().isEmpty()) {
            return false;
        }
        SerializedObject<?> stored = representation.getMetaData().getSerializedObject();
        if (stored != null && stored.getData() instanceof JsonNode metaData) {
            // Every event read passes here (a replay, the erasure replay at start): the tree the store hands over is
            // looked at as it is, without deserialising metadata nobody asked for.
            return metaData.path(STATED_REASON).isTextual();
        }
        return representation.getMetaData().getObject().get(STATED_REASON) instanceof String;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String actorId = representation.getAggregateIdentifier().orElseThrow();
        return representation.upcast(representation.getType(), JsonNode.class, payload -> payload,
                metaData -> metaData.and(STATED_REASON, sealedShape(actorId,
                        (String) metaData.get(STATED_REASON))));
    }

    /** {@link SealedText#recordedInClear} as the serializer writes a record into metadata: a map of its fields. */
    private static Map<String, Object> sealedShape(String actorId, String text) {
        SealedText sealed = SealedText.recordedInClear(actorId, text);
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("keyId", sealed.keyId());
        shape.put("algorithm", sealed.algorithm());
        shape.put("nonce", sealed.nonce());
        shape.put("sealedText", sealed.sealedText());
        return shape;
    }
}
