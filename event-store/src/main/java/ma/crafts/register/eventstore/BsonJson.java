package ma.crafts.register.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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

    static String escape(String key) {
        return key.startsWith(DOLLAR) ? ESCAPED_DOLLAR + key.substring(1) : key;
    }

    private static String unescape(String key) {
        return key.startsWith(ESCAPED_DOLLAR) ? DOLLAR + key.substring(1) : key;
    }
}
