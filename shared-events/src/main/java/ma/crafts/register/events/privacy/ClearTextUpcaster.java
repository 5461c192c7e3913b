package ma.crafts.register.events.privacy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanReinstated;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardReinstated;
import ma.crafts.register.events.artisan.CardRevoked;
import ma.crafts.register.events.artisan.CardSuspended;
import ma.crafts.register.events.artisan.DiplomaEvidenceChecked;
import ma.crafts.register.events.artisan.DiplomaEvidenceRecorded;
import ma.crafts.register.events.artisan.MasterArtisanStatusGranted;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;
import ma.crafts.register.events.cooperative.CooperativeReinstated;
import ma.crafts.register.events.cooperative.CooperativeStruckOff;
import ma.crafts.register.events.cooperative.CooperativeSuspended;
import ma.crafts.register.events.enterprise.EnterpriseReinstated;
import ma.crafts.register.events.enterprise.EnterpriseStruckOff;
import ma.crafts.register.events.enterprise.EnterpriseSupervisingArtisanChanged;
import ma.crafts.register.events.enterprise.EnterpriseSuspended;
import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads the text that events recorded in clear, before such text was sealed under the actor's key, in the sealed shape
 * ({@link SealedText}, algorithm {@link SealedText#CLEAR}): a reason stated for a change (the metadata
 * {@code reason}, any event), and the payload fields that revision 1 of an event held in clear and revision 2 seals
 * ({@link #SEALED_AT_REVISION_2}; a field inside a nested value is named by its dotted path). The stored bytes stay
 * as they are, since the hash chain covers them; readers then handle one shape, and the vault shows such text only
 * while the actor's key exists, so an erasure hides it like the rest.
 */
public final class ClearTextUpcaster extends SingleEventUpcaster {

    /** The metadata key of a reason stated for a change whose event has no reason of its own. */
    public static final String STATED_REASON = "reason";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLEAR_REVISION = "1";
    private static final String SEALED_REVISION = "2";

    /** The payload fields (dotted paths) each event sealed from revision 2 on, by payload type. */
    static final Map<String, List<String>> SEALED_AT_REVISION_2 = Map.ofEntries(
            sealing(ArtisanRegistered.class, "qualification.diplomaRef"),
            sealing(ArtisanSuspended.class, "reason"),
            sealing(ArtisanReinstated.class, "reason"),
            sealing(ArtisanStruckOff.class, "reason"),
            sealing(CardSuspended.class, "reason"),
            sealing(CardReinstated.class, "reason"),
            sealing(CardRevoked.class, "reason"),
            sealing(CooperativeSuspended.class, "reason"),
            sealing(CooperativeReinstated.class, "reason"),
            sealing(CooperativeStruckOff.class, "reason"),
            sealing(EnterpriseSuspended.class, "reason"),
            sealing(EnterpriseReinstated.class, "reason"),
            sealing(EnterpriseStruckOff.class, "reason"),
            sealing(EnterpriseSupervisingArtisanChanged.class, "reason"),
            sealing(ProfessionalBodyMembershipEnded.class, "reason"),
            sealing(MasterArtisanStatusGranted.class, "evidenceRef"),
            sealing(DiplomaEvidenceRecorded.class, "diplomaRef", "evidenceRef"),
            sealing(DiplomaEvidenceChecked.class, "diplomaRef"));

    private static Map.Entry<String, List<String>> sealing(Class<?> event, String... fields) {
        return Map.entry(event.getName(), List.of(fields));
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        if (representation.getAggregateIdentifier().isEmpty()) {
            return false;
        }
        return sealedFields(representation.getType()) != null || hasStatedReasonInClear(representation);
    }

    private static boolean hasStatedReasonInClear(IntermediateEventRepresentation representation) {
        SerializedObject<?> stored = representation.getMetaData().getSerializedObject();
        if (stored != null && stored.getData() instanceof JsonNode metaData) {
            // Every event read passes here (a replay, the erasure replay at start): the tree the store hands over is
            // looked at as it is, without deserialising metadata nobody asked for.
            return metaData.path(STATED_REASON).isTextual();
        }
        return representation.getMetaData().getObject().get(STATED_REASON) instanceof String;
    }

    /** The fields a revision-1 event of this type held in clear, or null when it is of another type or revision. */
    private static List<String> sealedFields(SerializedType type) {
        return CLEAR_REVISION.equals(type.getRevision()) ? SEALED_AT_REVISION_2.get(type.getName()) : null;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String actorId = representation.getAggregateIdentifier().orElseThrow();
        List<String> fields = sealedFields(representation.getType());
        SerializedType type = fields == null ? representation.getType()
                : new SimpleSerializedType(representation.getType().getName(), SEALED_REVISION);
        boolean statedReason = hasStatedReasonInClear(representation);
        return representation.upcast(type, JsonNode.class,
                payload -> fields == null ? payload : sealedPayload(actorId, payload, fields),
                metaData -> statedReason ? metaData.and(STATED_REASON,
                        sealedShape(actorId, (String) metaData.get(STATED_REASON))) : metaData);
    }

    /** The payload with each of {@code fields} that holds text in the sealed shape; an absent or null one stays. */
    private static JsonNode sealedPayload(String actorId, JsonNode payload, List<String> fields) {
        if (!(payload instanceof ObjectNode object)) {
            return payload;
        }
        ObjectNode upcast = object.deepCopy();
        for (String path : fields) {
            int lastDot = path.lastIndexOf('.');
            JsonNode parent = lastDot < 0 ? upcast : upcast.at("/" + path.substring(0, lastDot).replace('.', '/'));
            String field = path.substring(lastDot + 1);
            if (parent instanceof ObjectNode holder && holder.path(field).isTextual()) {
                holder.set(field, JSON.valueToTree(SealedText.recordedInClear(actorId, holder.get(field).asText())));
            }
        }
        return upcast;
    }

    /** {@link SealedText#recordedInClear} as the serializer writes a record into metadata: a map of its fields. */
    private static Map<String, Object> sealedShape(String actorId, String text) {
        return JSON.convertValue(SealedText.recordedInClear(actorId, text), new TypeReference<>() {
        });
    }
}
