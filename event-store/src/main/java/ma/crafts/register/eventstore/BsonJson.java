package ma.crafts.register.eventstore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Converts between Jackson trees and BSON documents so that payloads and metadata are stored as real documents an auditor
 * can query with mongosh, not as opaque strings. Field names starting with {@code $} are not storable in MongoDB, so they
 * are escaped with a full-width dollar sign and restored on the way back.
 */
public final class BsonJson {
    private static final String DOLLAR = "$";
    private static final String ESCAPED_DOLLAR = "\uFF04";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory JSON = new JsonFactory();

    private BsonJson() {
    }

    public static Object toBson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Document document = new Document();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                document.append(escape(field.getKey()), toBson(field.getValue()));
            }
            return document;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(toBson(element)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isInt() || node.isShort()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        if (node.isBigInteger()) {
            BigInteger value = node.bigIntegerValue();
            return value.bitLength() < 64 ? (Object) value.longValue() : new Decimal128(new BigDecimal(value));
        }
        if (node.isBigDecimal()) {
            return new Decimal128(node.decimalValue());
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBinary()) {
            try {
                return node.binaryValue();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return node.asText();
    }

    /**
     * Streams JSON text into {@code writer} as one BSON value, with the types {@link #toBson} gives the tree the same text
     * parses to (Jackson's defaults: int32 where it fits, then int64, then Decimal128; floating point as double), so a
     * value written here and the same value encoded from a tree are the same bytes. The caller has written the field name.
     */
    static void writeJson(byte[] json, BsonWriter writer) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                writer.writeNull();
                return;
            }
            writeValue(parser, token, writer);
        } catch (IOException e) {
            throw new IllegalArgumentException("The serializer produced text that is not JSON", e);
        }
    }

    private static void writeValue(JsonParser parser, JsonToken token, BsonWriter writer) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                writer.writeStartDocument();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    writer.writeName(escape(parser.currentName()));
                    writeValue(parser, parser.nextToken(), writer);
                }
                writer.writeEndDocument();
            }
            case START_ARRAY -> {
                writer.writeStartArray();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    writeValue(parser, next, writer);
                }
                writer.writeEndArray();
            }
            case VALUE_STRING -> writer.writeString(parser.getText());
            case VALUE_NUMBER_INT -> {
                switch (parser.getNumberType()) {
                    case INT -> writer.writeInt32(parser.getIntValue());
                    case LONG -> writer.writeInt64(parser.getLongValue());
                    default -> {
                        BigInteger value = parser.getBigIntegerValue();
                        if (value.bitLength() < 64) {
                            writer.writeInt64(value.longValue());
                        } else {
                            writer.writeDecimal128(new Decimal128(new BigDecimal(value)));
                        }
                    }
                }
            }
            case VALUE_NUMBER_FLOAT -> writer.writeDouble(parser.getDoubleValue());
            case VALUE_TRUE -> writer.writeBoolean(true);
            case VALUE_FALSE -> writer.writeBoolean(false);
            case VALUE_NULL -> writer.writeNull();
            default -> throw new IllegalArgumentException("Unexpected JSON token " + token);
        }
    }

    static Document toDocument(JsonNode node) {
        Object bson = toBson(node);
        if (bson instanceof Document document) {
            return document;
        }
        throw new IllegalArgumentException("Expected a JSON object but got " + node.getNodeType());
    }

    public static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, fieldValue) -> object.set(unescape((String) key), toJson(fieldValue)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            list.forEach(element -> array.add(toJson(element)));
            return array;
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Decimal128 number) {
            return NODES.numberNode(number.bigDecimalValue());
        }
        if (value instanceof Date date) {
            return NODES.textNode(date.toInstant().toString());
        }
        if (value instanceof ObjectId id) {
            return NODES.textNode(id.toHexString());
        }
        if (value instanceof byte[] bytes) {
            return NODES.binaryNode(bytes);
        }
        if (value instanceof org.bson.types.Binary binary) {
            return NODES.binaryNode(binary.getData());
        }
        return NODES.textNode(value.toString());
    }

    private static String escape(String key) {
        return key.startsWith(DOLLAR) ? ESCAPED_DOLLAR + key.substring(1) : key;
    }

    private static String unescape(String key) {
        return key.startsWith(ESCAPED_DOLLAR) ? DOLLAR + key.substring(1) : key;
    }
}
