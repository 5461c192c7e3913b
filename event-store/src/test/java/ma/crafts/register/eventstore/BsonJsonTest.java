package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Appends stream JSON straight into BSON, while verification encodes the documents read back: the hash chain holds only
 * if both give the same bytes for every JSON value a serializer can produce.
 */
class BsonJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"فاطمة الزهراء / Élodie\",\"count\":3,\"big\":3000000000,\"huge\":123456789012345678901234567890,"
                    + "\"ratio\":0.1,\"whole\":2.0,\"negative\":-7,\"yes\":true,\"no\":false,\"none\":null}",
            "{\"nested\":{\"list\":[1,\"two\",[3.5,null],{\"$type\":\"escaped\"}],\"empty\":{},\"nothing\":[]}}",
            "{\"$dollar\":1,\"a.b\":\"dotted\",\"min\":-9223372036854775808,\"max\":9223372036854775807,\"exp\":1e300}",
            "\"a plain string payload\"",
            "42",
            "null",
            "[]"
    })
    void streamingJsonGivesTheBytesOfTheTreeItParsesTo(String json) throws Exception {
        byte[] streamed = encode(writer -> {
            writer.writeStartDocument();
            writer.writeName("value");
            BsonJson.writeJson(json.getBytes(StandardCharsets.UTF_8), writer);
            writer.writeEndDocument();
        });
        Document fromTree = new Document("value", BsonJson.toBson(MAPPER.readTree(json)));
        assertThat(streamed).isEqualTo(encode(writer -> new DocumentCodec().encode(writer, fromTree, EncoderContext.builder().build())));
    }

    private static byte[] encode(Consumer<BsonBinaryWriter> body) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            body.accept(writer);
        }
        return buffer.toByteArray();
    }
}
