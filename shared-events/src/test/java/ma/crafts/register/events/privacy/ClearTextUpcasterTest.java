package ma.crafts.register.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.DiplomaEvidenceRecorded;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.SealedText;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventData;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/**
 * Payload and metadata as the event store hands them over (JSON trees): a reason or reference an earlier version stored
 * in clear comes out in the sealed shape with algorithm CLEAR, under the stream's actor; anything else passes
 * unchanged.
 */
class ClearTextUpcasterTest {

    private static final String PAYLOAD_TYPE = "ma.crafts.register.events.artisan.ArtisanRelocated";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final ClearTextUpcaster upcaster = new ClearTextUpcaster();

    /** An event as the store hands it to Axon: payload and metadata as trees, declared as {@link JsonNode}. */
    private record Stored(String aggregateId, Map<String, Object> metaDataMap, String payloadType, String revision,
                          Map<String, Object> payloadMap) implements DomainEventData<JsonNode> {

        Stored(String aggregateId, Map<String, Object> metaDataMap) {
            this(aggregateId, metaDataMap, PAYLOAD_TYPE, "1", Map.of("artisanId", "a-1"));
        }

        @Override
        public String getType() {
            return "Artisan";
        }

        @Override
        public String getAggregateIdentifier() {
            return aggregateId;
        }

        @Override
        public long getSequenceNumber() {
            return 1;
        }

        @Override
        public String getEventIdentifier() {
            return "e-1";
        }

        @Override
        public Instant getTimestamp() {
            return Instant.parse("2024-01-01T00:00:00Z");
        }

        @Override
        public SerializedObject<JsonNode> getMetaData() {
            return new SimpleSerializedObject<>(JSON.valueToTree(metaDataMap), JsonNode.class,
                    MetaData.class.getName(), null);
        }

        @Override
        public SerializedObject<JsonNode> getPayload() {
            return new SimpleSerializedObject<>(JSON.valueToTree(payloadMap), JsonNode.class, payloadType, revision);
        }
    }

    @Test
    void aReasonStoredInClearIsReadInTheSealedShapeUnderTheStreamsActor() {
        IntermediateEventRepresentation read = upcast(new Stored("a-1", Map.of("recordedBy", "clerk-07",
                "reason", "asked by Mr Alaoui")));

        Map<String, Object> metaData = read.getMetaData().getObject();
        assertThat(JSON.convertValue(metaData.get("reason"), SealedText.class))
                .isEqualTo(SealedText.recordedInClear("a-1", "asked by Mr Alaoui"));
        assertThat(metaData).containsEntry("recordedBy", "clerk-07");
        assertThat(read.getType().getName()).isEqualTo(PAYLOAD_TYPE);
        assertThat(read.getType().getRevision()).isEqualTo("1");
        assertThat(read.getData(JsonNode.class).getData().get("artisanId").asText()).isEqualTo("a-1");
    }

    @Test
    void aSealedReasonOrNoReasonOrAnEventOfNoStreamPassesUnchanged() {
        Map<String, Object> sealed = Map.of("keyId", "a-1", "algorithm", "AES-256-GCM", "nonce", "bm9uY2U=",
                "sealedText", "Y2lwaGVy");
        assertThat(upcast(new Stored("a-1", Map.of("reason", sealed))).getMetaData().getObject().get("reason"))
                .isEqualTo(sealed);
        assertThat(upcast(new Stored("a-1", Map.of("recordedBy", "clerk-07"))).getMetaData().getObject())
                .doesNotContainKey("reason");
        assertThat(upcast(new Stored(null, Map.of("reason", "in clear"))).getMetaData().getObject().get("reason"))
                .isEqualTo("in clear");
    }

    @Test
    void aRevisionOnePayloadsClearTextIsReadAsRevisionTwoWithTheTextInTheSealedShape() {
        IntermediateEventRepresentation read = upcast(new Stored("a-1", Map.of("recordedBy", "clerk-07"),
                DiplomaEvidenceRecorded.class.getName(), "1",
                Map.of("artisanId", "a-1", "diplomaRef", "OFPPT-2019-0042", "issuer", "OFPPT")));

        assertThat(read.getType().getRevision()).isEqualTo("2");
        DiplomaEvidenceRecorded event = serializer.deserialize(read.getData());
        assertThat(event.diplomaRef()).isEqualTo(SealedText.recordedInClear("a-1", "OFPPT-2019-0042"));
        assertThat(event.issuer()).isEqualTo("OFPPT");
        assertThat(event.evidenceRef()).isNull();
    }

    @Test
    void aRevisionOneRegistrationsDiplomaReferenceIsReadSealedInClear() {
        IntermediateEventRepresentation read = upcast(new Stored("a-1", Map.of(), ArtisanRegistered.class.getName(),
                "1", Map.of("artisanId", "a-1", "nia", "07-2024-000001", "qualification",
                        Map.of("route", "DIPLOMA", "yearsOfPractice", 4, "diplomaRef", "OFPPT-2019-0042"))));

        assertThat(read.getType().getRevision()).isEqualTo("2");
        assertThat(read.getData(JsonNode.class).getData().toString()).doesNotContain("\"diplomaRef\":\"");
        ArtisanRegistered event = serializer.deserialize(read.getData());
        assertThat(event.qualification()).isEqualTo(new RegisteredQualification(QualificationRoute.DIPLOMA, 4,
                SealedText.recordedInClear("a-1", "OFPPT-2019-0042")));
        assertThat(event.nia()).isEqualTo("07-2024-000001");

        IntermediateEventRepresentation experience = upcast(new Stored("a-1", Map.of(),
                ArtisanRegistered.class.getName(), "1", Map.of("artisanId", "a-1", "qualification",
                        Map.of("route", "EXPERIENCE", "yearsOfPractice", 12))));
        assertThat(((ArtisanRegistered) serializer.deserialize(experience.getData())).qualification())
                .isEqualTo(new RegisteredQualification(QualificationRoute.EXPERIENCE, 12, null));
    }

    @Test
    void aRevisionTwoPayloadOrOneWithoutTextPassesWithItsOwnRevision() {
        Map<String, Object> sealed = Map.of("keyId", "a-1", "algorithm", "AES-256-GCM", "nonce", "bm9uY2U=",
                "sealedText", "Y2lwaGVy");
        IntermediateEventRepresentation current = upcast(new Stored("a-1", Map.of(), ArtisanSuspended.class.getName(),
                "2", Map.of("artisanId", "a-1", "reason", sealed)));
        assertThat(current.getType().getRevision()).isEqualTo("2");
        assertThat(JSON.convertValue(current.getData(JsonNode.class).getData().get("reason"), Map.class))
                .isEqualTo(sealed);

        IntermediateEventRepresentation noReason = upcast(new Stored("a-1", Map.of(),
                ArtisanSuspended.class.getName(), "1", Map.of("artisanId", "a-1")));
        assertThat(noReason.getType().getRevision()).isEqualTo("2");
        assertThat(((ArtisanSuspended) serializer.deserialize(noReason.getData())).reason()).isNull();
    }

    private IntermediateEventRepresentation upcast(EventData<JsonNode> stored) {
        List<IntermediateEventRepresentation> read =
                upcaster.upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();
        assertThat(read).hasSize(1);
        return read.get(0);
    }
}
