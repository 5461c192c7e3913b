package ma.crafts.register.eventstore;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.base.GeneratorBase;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bson.BsonWriter;
import org.bson.types.Decimal128;

/**
 * A Jackson generator that writes BSON, so an object is serialised straight into the event document instead of into JSON
 * text that is then parsed again. Each value gets the BSON type that {@link BsonJson#toBson} gives the tree its JSON text
 * would parse to (int32 where it fits, then int64, then Decimal128; a number with a fraction or exponent as a double; a
 * non-finite double and binary data as the strings the text would hold), so the stored bytes do not depend on the path
 * that wrote them. Field names starting with {@code $} are escaped as {@link BsonJson} does.
 * <p>
 * It writes one value into a {@link BsonWriter} that is already positioned for it: inside a document, after its name.
 */
final class BsonGenerator extends GeneratorBase {
    private final BsonWriter writer;

    private BsonGenerator(ObjectCodec codec, BsonWriter writer) {
        super(JsonGenerator.Feature.collectDefaults(), codec);
        this.writer = writer;
    }

    /** Serialises {@code value} with the mapper's configuration as the next value of {@code writer}. */
    static void write(ObjectMapper mapper, Object value, BsonWriter writer) {
        try (BsonGenerator generator = new BsonGenerator(mapper, writer)) {
            mapper.writer().writeValue(generator, value);
        } catch (IOException e) {
            String type = value == null ? "null" : value.getClass().getName();
            throw new IllegalArgumentException("Could not serialise " + type + " to BSON: " + e.getMessage(), e);
        }
    }

    @Override
    public void writeStartArray() throws IOException {
        _verifyValueWrite("start an array");
        _writeContext = _writeContext.createChildArrayContext();
        writer.writeStartArray();
    }

    @Override
    public void writeEndArray() throws IOException {
        leave(_writeContext.inArray(), "an array");
        writer.writeEndArray();
    }

    @Override
    public void writeStartObject() throws IOException {
        _verifyValueWrite("start an object");
        _writeContext = _writeContext.createChildObjectContext();
        writer.writeStartDocument();
    }

    @Override
    public void writeEndObject() throws IOException {
        leave(_writeContext.inObject(), "an object");
        writer.writeEndDocument();
    }

    private void leave(boolean inThatContext, String context) throws IOException {
        if (!inThatContext) {
            _reportError("Current context not " + context + " but " + _writeContext.typeDesc());
        }
        _writeContext = _writeContext.clearAndGetParent();
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        if (_writeContext.writeFieldName(name) == JsonWriteContext.STATUS_EXPECT_VALUE) {
            _reportError("Can not write a field name, expecting a value");
        }
        writer.writeName(BsonJson.escape(name));
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
        writeFieldName(name.getValue());
    }

    @Override
    public void writeString(String text) throws IOException {
        if (text == null) {
            writeNull();
            return;
        }
        _verifyValueWrite("write a string");
        writer.writeString(text);
    }

    @Override
    public void writeString(char[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length));
    }

    @Override
    public void writeString(SerializableString text) throws IOException {
        writeString(text.getValue());
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
        writeUTF8String(text, offset, length);
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void writeRaw(String text) {
        throw raw();
    }

    @Override
    public void writeRaw(String text, int offset, int length) {
        throw raw();
    }

    @Override
    public void writeRaw(char[] text, int offset, int length) {
        throw raw();
    }

    @Override
    public void writeRaw(char c) {
        throw raw();
    }

    @Override
    public void writeRawValue(String text) {
        throw raw();
    }

    @Override
    public void writeRawValue(String text, int offset, int length) {
        throw raw();
    }

    @Override
    public void writeRawValue(char[] text, int offset, int length) {
        throw raw();
    }

    private static UnsupportedOperationException raw() {
        return new UnsupportedOperationException("Raw JSON (@JsonRawValue) cannot be stored as a BSON document");
    }

    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int length) throws IOException {
        byte[] part = offset == 0 && length == data.length ? data : Arrays.copyOfRange(data, offset, offset + length);
        writeString(variant.encode(part));
    }

    @Override
    public int writeBinary(Base64Variant variant, InputStream data, int length) throws IOException {
        byte[] bytes = length < 0 ? data.readAllBytes() : data.readNBytes(length);
        writeBinary(variant, bytes, 0, bytes.length);
        return bytes.length;
    }

    @Override
    public void writeNumber(int value) throws IOException {
        _verifyValueWrite("write a number");
        writer.writeInt32(value);
    }

    @Override
    public void writeNumber(long value) throws IOException {
        _verifyValueWrite("write a number");
        writeInteger(value);
    }

    private void writeInteger(long value) {
        if (value == (int) value) {
            writer.writeInt32((int) value);
        } else {
            writer.writeInt64(value);
        }
    }

    @Override
    public void writeNumber(BigInteger value) throws IOException {
        if (value == null) {
            writeNull();
            return;
        }
        _verifyValueWrite("write a number");
        writeInteger(value);
    }

    private void writeInteger(BigInteger value) {
        if (value.bitLength() < 64) {
            writeInteger(value.longValue());
        } else {
            writer.writeDecimal128(new Decimal128(new BigDecimal(value)));
        }
    }

    @Override
    public void writeNumber(double value) throws IOException {
        _verifyValueWrite("write a number");
        if (Double.isFinite(value) || !isEnabled(Feature.QUOTE_NON_NUMERIC_NUMBERS)) {
            writer.writeDouble(value);
        } else {
            writer.writeString(Double.toString(value));
        }
    }

    @Override
    public void writeNumber(float value) throws IOException {
        // JSON text holds the float's shortest decimal form, which reads back as that decimal, not the float's binary value.
        writeNumber(Double.parseDouble(Float.toString(value)));
    }

    @Override
    public void writeNumber(BigDecimal value) throws IOException {
        if (value == null) {
            writeNull();
            return;
        }
        writeNumber(isEnabled(Feature.WRITE_BIGDECIMAL_AS_PLAIN) ? value.toPlainString() : value.toString());
    }

    /** A number as JSON text would hold it: integral if it has no fraction or exponent, as a parser would read it. */
    @Override
    public void writeNumber(String encoded) throws IOException {
        if (encoded == null) {
            writeNull();
            return;
        }
        _verifyValueWrite("write a number");
        boolean integral = encoded.chars().noneMatch(c -> c == '.' || c == 'e' || c == 'E');
        if (integral) {
            writeInteger(new BigInteger(encoded));
        } else {
            writer.writeDouble(Double.parseDouble(encoded));
        }
    }

    @Override
    public void writeBoolean(boolean state) throws IOException {
        _verifyValueWrite("write a boolean");
        writer.writeBoolean(state);
    }

    @Override
    public void writeNull() throws IOException {
        _verifyValueWrite("write a null");
        writer.writeNull();
    }

    @Override
    public void flush() {
        // Nothing is buffered here: every call goes straight to the BSON writer, which its owner flushes.
    }

    @Override
    protected void _releaseBuffers() {
        // No buffers of its own.
    }

    @Override
    protected void _verifyValueWrite(String typeMessage) throws IOException {
        if (_writeContext.writeValue() == JsonWriteContext.STATUS_EXPECT_NAME) {
            _reportError("Can not " + typeMessage + ", expecting a field name");
        }
    }
}
