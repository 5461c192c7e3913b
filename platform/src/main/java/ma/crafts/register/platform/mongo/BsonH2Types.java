package ma.crafts.register.platform.mongo;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded H2 backend stores documents and keys. mongo-java-server's own H2 backend leaves both to H2's
 * {@link ObjectDataType}, which Java-serialises them; its index keys ({@link KeyValue}) are not {@code Comparable}, so
 * every comparison of a B-tree lookup serialised both sides, and every page written or read ran Java serialisation over
 * every document in it. Profiled under the register's load, that was over half the server's CPU. Here documents are
 * BSON bytes (the encoding the wire protocol already uses; {@link BsonH2Collection} encodes and decodes them one
 * document at a time) and keys are compared in memory.
 *
 * <p>The key order only has to be a total order that agrees with the index's notion of equal keys: the server looks
 * keys up by equality and {@code $in}, and scans whole maps for anything else. Values of the common key types are
 * ordered naturally within their type; other types by their BSON bytes, which, like the Java-serialised bytes before,
 * keeps two documents with the same fields in a different order apart.
 */
final class BsonH2Types {
    private static final byte NULL = 0;
    private static final byte MISSING = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte STRING = 4;
    private static final byte INTEGER = 5;
    private static final byte BOOLEAN = 6;
    private static final byte UUID_VALUE = 7;
    private static final byte OBJECT_ID = 8;
    /** Any other BSON value, stored as a one-field BSON document. */
    private static final byte OTHER = 9;
    private static final String OTHER_FIELD = "v";
    /**
     * The class each tag stands for, by index; matched by identity, since mongo-java-server has no subclasses of these
     * (Missing is a singleton). A profile showed a {@code Map} lookup here costing more than this scan.
     */
    private static final Class<?>[] TAGGED_CLASSES = {null, Missing.class, Long.class, Double.class, String.class,
            Integer.class, Boolean.class, UUID.class, ObjectId.class};

    private BsonH2Types() {
    }

    /** A collection's documents as BSON, by {@code _id} (or by the generated key of a collection without one). */
    static MVMap.Builder<Object, byte[]> documentMap() {
        return new MVMap.Builder<Object, byte[]>().keyType(StoredValueType.INSTANCE).valueType(BsonBytesType.INSTANCE);
    }

    /** A unique index: key values to the {@code _id} of the document holding them. */
    static MVMap.Builder<KeyValue, Object> indexMap() {
        return new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE).valueType(StoredValueType.INSTANCE);
    }

    static int compareValues(Object a, Object b) {
        int tagA = tagOf(a);
        int tagB = tagOf(b);
        if (tagA != tagB) {
            return Integer.compare(tagA, tagB);
        }
        return switch (tagA) {
            case NULL, MISSING -> 0;
            case LONG -> Long.compare((Long) a, (Long) b);
            case DOUBLE -> ((Double) a).compareTo((Double) b);
            case STRING -> ((String) a).compareTo((String) b);
            case INTEGER -> Integer.compare((Integer) a, (Integer) b);
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            case UUID_VALUE -> ((UUID) a).compareTo((UUID) b);
            case OBJECT_ID -> ((ObjectId) a).compareTo((ObjectId) b);
            default -> Arrays.compareUnsigned(otherBytes(a), otherBytes(b));
        };
    }

    private static byte tagOf(Object value) {
        if (value == null) {
            return NULL;
        }
        Class<?> type = value.getClass();
        for (byte tag = MISSING; tag < TAGGED_CLASSES.length; tag++) {
            if (TAGGED_CLASSES[tag] == type) {
                return tag;
            }
        }
        return OTHER;
    }

    static void writeValue(WriteBuffer buffer, Object value) {
        byte tag = tagOf(value);
        buffer.put(tag);
        switch (tag) {
            case NULL, MISSING -> {
            }
            case LONG -> buffer.putLong((Long) value);
            case DOUBLE -> buffer.putDouble((Double) value);
            case STRING -> {
                String text = (String) value;
                buffer.putVarInt(text.length()).putStringData(text, text.length());
            }
            case INTEGER -> buffer.putInt((Integer) value);
            case BOOLEAN -> buffer.put((byte) ((Boolean) value ? 1 : 0));
            case UUID_VALUE -> buffer.putLong(((UUID) value).getMostSignificantBits())
                    .putLong(((UUID) value).getLeastSignificantBits());
            case OBJECT_ID -> buffer.put(((ObjectId) value).toByteArray());
            default -> putBytes(buffer, otherBytes(value));
        }
    }

    static Object readValue(ByteBuffer buffer) {
        byte tag = buffer.get();
        return switch (tag) {
            case NULL -> null;
            case MISSING -> Missing.getInstance();
            case LONG -> buffer.getLong();
            case DOUBLE -> buffer.getDouble();
            case STRING -> DataUtils.readString(buffer, DataUtils.readVarInt(buffer));
            case INTEGER -> buffer.getInt();
            case BOOLEAN -> buffer.get() != 0;
            case UUID_VALUE -> new UUID(buffer.getLong(), buffer.getLong());
            case OBJECT_ID -> {
                byte[] id = new byte[12];
                buffer.get(id);
                yield new ObjectId(id);
            }
            case OTHER -> decode(getBytes(buffer)).get(OTHER_FIELD);
            default -> throw new IllegalStateException("Unknown stored value tag " + tag + ": the data file is damaged");
        };
    }

    private static byte[] otherBytes(Object value) {
        Document holder = new Document();
        holder.put(OTHER_FIELD, value);
        return encode(holder);
    }

    static byte[] encode(Map<String, ?> document) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    static Document decode(byte[] bytes) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }

    private static void putBytes(WriteBuffer buffer, byte[] bytes) {
        buffer.putVarInt(bytes.length).put(bytes);
    }

    private static byte[] getBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * H2 sizes pages and its cache from these estimates; they only need to be proportionate. Only keys and index
     * positions get here (documents are bytes): strings, or small fixed-size values, or, rarely, an embedded document.
     */
    static int estimatedMemory(Object value) {
        if (value instanceof String text) {
            return 40 + 2 * text.length();
        }
        return tagOf(value) == OTHER ? 24 + otherBytes(value).length : 24;
    }

    /** A document's {@code _id}, or the position an index points at. */
    static final class StoredValueType extends BasicDataType<Object> {
        static final StoredValueType INSTANCE = new StoredValueType();

        @Override
        public int compare(Object a, Object b) {
            return compareValues(a, b);
        }

        @Override
        public int getMemory(Object value) {
            return estimatedMemory(value);
        }

        @Override
        public void write(WriteBuffer buffer, Object value) {
            writeValue(buffer, value);
        }

        @Override
        public Object read(ByteBuffer buffer) {
            return readValue(buffer);
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }

    /** An index key: one value per indexed field, compared field by field. */
    static final class KeyValueType extends BasicDataType<KeyValue> {
        static final KeyValueType INSTANCE = new KeyValueType();

        @Override
        public int compare(KeyValue a, KeyValue b) {
            int shared = Math.min(a.size(), b.size());
            for (int i = 0; i < shared; i++) {
                int order = compareValues(a.get(i), b.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        @Override
        public int getMemory(KeyValue key) {
            int size = 32;
            for (Object value : key) {
                size += 8 + estimatedMemory(value);
            }
            return size;
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            buffer.putVarInt(key.size());
            for (Object value : key) {
                writeValue(buffer, value);
            }
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            Object[] values = new Object[DataUtils.readVarInt(buffer)];
            for (int i = 0; i < values.length; i++) {
                values[i] = readValue(buffer);
            }
            return new KeyValue(values);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }

    /** A stored document's BSON, kept as bytes until a query decodes it. Never a key, so never compared. */
    static final class BsonBytesType extends BasicDataType<byte[]> {
        static final BsonBytesType INSTANCE = new BsonBytesType();

        @Override
        public int getMemory(byte[] bson) {
            return 16 + bson.length;
        }

        @Override
        public void write(WriteBuffer buffer, byte[] bson) {
            putBytes(buffer, bson);
        }

        @Override
        public byte[] read(ByteBuffer buffer) {
            return getBytes(buffer);
        }

        @Override
        public byte[][] createStorage(int size) {
            return new byte[size][];
        }
    }
}
