package ma.crafts.register.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class BsonH2TypesTest {
    private final Random random = new Random(20261129);

    @Test
    void everyKindOfValue_readsBackEqual() {
        for (int i = 0; i < 2_000; i++) {
            Object value = randomValue();
            WriteBuffer buffer = new WriteBuffer();
            BsonH2Types.writeValue(buffer, value);
            ByteBuffer written = buffer.getBuffer().flip();
            assertThat(BsonH2Types.readValue(written)).isEqualTo(value);
            assertThat(written.remaining()).isZero();
        }
    }

    @Test
    void keyOrder_isATotalOrderThatAgreesWithEquality() {
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            keys.add(random.nextBoolean() ? new KeyValue(randomValue()) : new KeyValue(randomValue(), randomValue()));
        }
        BsonH2Types.KeyValueType order = BsonH2Types.KeyValueType.INSTANCE;
        for (int i = 0; i < 20_000; i++) {
            KeyValue a = keys.get(random.nextInt(keys.size()));
            KeyValue b = keys.get(random.nextInt(keys.size()));
            assertThat(Integer.signum(order.compare(a, b))).isEqualTo(-Integer.signum(order.compare(b, a)));
            assertThat(order.compare(a, b) == 0).as("%s vs %s", a, b).isEqualTo(a.equals(b));
        }
        List<KeyValue> sorted = new ArrayList<>(keys);
        sorted.sort(order);
        for (int i = 1; i < sorted.size(); i++) {
            for (int j = Math.max(0, i - 5); j < i; j++) {
                assertThat(order.compare(sorted.get(j), sorted.get(i))).isLessThanOrEqualTo(0);
            }
        }
        // A B-tree is a sorted map: every key must be found again by that order alone.
        TreeMap<KeyValue, Integer> tree = new TreeMap<>(order);
        for (int i = 0; i < keys.size(); i++) {
            tree.putIfAbsent(keys.get(i), i);
        }
        for (KeyValue key : keys) {
            assertThat(keys.get(tree.get(key))).isEqualTo(key);
        }
    }

    @Test
    void documentsRoundTripWithFieldOrderAndTypes() {
        Document document = new Document();
        document.put("_id", "a-1");
        document.put("name", new Document("ar", "محمد").append("fr", "Mohammed"));
        document.put("at", Instant.ofEpochMilli(1_764_000_000_123L));
        document.put("list", List.of(1, 2L, 3.5, "x"));
        document.put("none", null);
        WriteBuffer buffer = new WriteBuffer();
        BsonH2Types.BsonBytesType.INSTANCE.write(buffer, BsonH2Types.encode(document));
        Document read = BsonH2Types.decode(BsonH2Types.BsonBytesType.INSTANCE.read(buffer.getBuffer().flip()));
        assertThat(read).isEqualTo(document);
        assertThat(new ArrayList<>(read.keySet())).containsExactly("_id", "name", "at", "list", "none");
        assertThat(read.get("list")).isEqualTo(List.of(1, 2L, 3.5, "x"));
    }

    private Object randomValue() {
        return switch (random.nextInt(12)) {
            case 0 -> null;
            case 1 -> Missing.getInstance();
            case 2 -> (long) random.nextInt(50) - 25;
            case 3 -> random.nextInt(40) / 4.0 - 5;
            case 4 -> random.nextBoolean() ? "k" + random.nextInt(60) : "حرف" + random.nextInt(20);
            case 5 -> random.nextInt(30) - 15;
            case 6 -> random.nextBoolean();
            case 7 -> new UUID(random.nextInt(3), random.nextInt(3));
            case 8 -> new ObjectId(new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) random.nextInt(20)});
            case 9 -> Instant.ofEpochMilli(random.nextInt(20));
            case 10 -> new Document("a", random.nextInt(3)).append("b", "x" + random.nextInt(2));
            default -> List.of(random.nextInt(3), "y" + random.nextInt(2));
        };
    }
}
