package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Appends serialise payloads straight into BSON, while verification encodes the documents read back: the hash chain
 * holds only if a value written by the generator and the same value decoded and encoded again are the same bytes. And the
 * register's earlier appends went through JSON text, so the generator must give each value the type that text gave it.
 */
class BsonGeneratorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    enum Craft { POTTERY, ZELLIGE }

    record Nested(String label, List<Object> items) {
    }

    record Everything(String arabicAndFrench, int count, long big, long small, short tiny, byte octet, float ratio,
                      double precise, double whole, BigDecimal money, BigDecimal integralMoney, BigDecimal scientific,
                      BigInteger huge, BigInteger modest, boolean yes, char letter, byte[] scan, Craft craft,
                      double notANumber, double infinite, String none, Map<String, Object> escaped, Nested nested) {
    }

    static Everything everything() {
        return everything(new BigDecimal("12.50"), new BigDecimal("1E+3"));
    }

    static Everything everything(BigDecimal money, BigDecimal scientific) {
        Map<String, Object> escaped = new LinkedHashMap<>();
        escaped.put("$type", "escaped");
        escaped.put("a.b", "dotted");
        escaped.put("list", List.of(1, "two", List.of(3.5), Map.of()));
        return new Everything("فاطمة الزهراء / Élodie", 3, 3_000_000_000L, 7L, (short) -2, (byte) 9, 0.1f, 0.1, 2.0,
                money, new BigDecimal("5"), scientific,
                new BigInteger("123456789012345678901234567890"), BigInteger.valueOf(42), true, 'ع',
                new byte[]{1, 2, 3, (byte) 0xFF}, Craft.ZELLIGE, Double.NaN, Double.NEGATIVE_INFINITY, null, escaped,
                new Nested("inner", List.of(-9223372036854775808L, 9223372036854775807L, 1e300)));
    }

    static Stream<Object> values() throws Exception {
        return Stream.of(
                everything(),
                MAPPER.readTree("{\"name\":\"فاطمة\",\"count\":3,\"big\":3000000000,\"huge\":123456789012345678901234567890,"
                        + "\"ratio\":0.1,\"whole\":2.0,\"negative\":-7,\"yes\":true,\"no\":false,\"none\":null,"
                        + "\"nested\":{\"list\":[1,\"two\",[3.5,null],{\"$type\":\"escaped\"}],\"empty\":{},\"nothing\":[]}}"),
                Map.of("metaData", "as Axon's MetaData is: a map", "traceId", "5e0c"),
                "a plain string payload",
                42,
                List.of());
    }

    @ParameterizedTest
    @MethodSource("values")
    void generatorGivesTheBytesOfTheTreeItsJsonTextParsesTo(Object value) throws Exception {
        byte[] generated = inDocument(writer -> BsonGenerator.write(MAPPER, value, writer));
        Document fromText = new Document("value", BsonJson.toBson(MAPPER.readTree(MAPPER.writeValueAsBytes(value))));
        assertThat(generated).isEqualTo(encoded(fromText));
        // What verification does: decode what is stored and encode it again.
        Document decoded = new RawBsonDocument(generated).decode(new DocumentCodec());
        assertThat(encoded(decoded)).isEqualTo(generated);
    }

    @Test
    void aValueReadBackFromBsonDeserialisesToWhatWasWritten() throws Exception {
        Everything original = everything();
        byte[] generated = inDocument(writer -> BsonGenerator.write(MAPPER, original, writer));
        Object stored = new RawBsonDocument(generated).decode(new DocumentCodec()).get("value");
        // A decimal with a fraction or exponent is a double in JSON text, and was stored as one: its value comes back,
        // not its scale. No event of the register carries a BigDecimal.
        assertThat(MAPPER.treeToValue(BsonJson.toJson(stored), Everything.class)).usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class).withEqualsForType(Float::equals, Float.class)
                .isEqualTo(everything(new BigDecimal("12.5"), new BigDecimal("1000.0")));
    }

    @Test
    void aNullPayloadIsStoredAsNull() {
        byte[] generated = inDocument(writer -> BsonGenerator.write(MAPPER, null, writer));
        assertThat(new RawBsonDocument(generated).containsKey("value")).isTrue();
        assertThat(new RawBsonDocument(generated).get("value").isNull()).isTrue();
    }

    record WithRawJson(@JsonRawValue String raw) {
    }

    @Test
    void rawJsonIsRefusedRatherThanStoredAsText() {
        assertThatThrownBy(() -> inDocument(writer -> BsonGenerator.write(MAPPER, new WithRawJson("{\"a\":1}"), writer)))
                .hasMessageContaining("@JsonRawValue");
    }

    /** {@code {value: ...}} with the value written by {@code body}. */
    private static byte[] inDocument(Consumer<BsonBinaryWriter> body) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            writer.writeName("value");
            body.accept(writer);
            writer.writeEndDocument();
        }
        return buffer.toByteArray();
    }

    private static byte[] encoded(Document document) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            new DocumentCodec().encode(writer, document, EncoderContext.builder().build());
        }
        return buffer.toByteArray();
    }
}
