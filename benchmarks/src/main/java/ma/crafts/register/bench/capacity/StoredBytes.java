package ma.crafts.register.bench.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.events.artisan.ArtisanDetailsAmended;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.CardExpired;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.artisan.CardRenewed;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.RawBsonDocument;
import org.bson.BsonValue;

/**
 * Stores artisans' histories through the register's own event store on mongo-java-server's memory backend and
 * measures what a commit costs as BSON, which is what a real MongoDB stores before compression, and how often the
 * position counter is written. Payloads are the register's event records with realistic values; event types without a
 * payload built here are stood in for by {@link CardExpired}, the smallest measured, so the mean errs low for them.
 */
final class StoredBytes {
    record Measured(long commits, double bytesPerCommit, double idKeyBytes, double streamKeyBytes,
                    double counterWritesPerCommit, Map<String, Long> meanBytesByType) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private StoredBytes() {
    }

    static Measured measure(List<Map<String, Integer>> histories, int writers) throws Exception {
        MongoServer server = new MongoServer(new MemoryBackend());
        String uri = "mongodb://127.0.0.1:" + server.bind().getPort();
        LongAdder counterWrites = new LongAdder();
        CommandListener counting = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("findAndModify")
                        && "counters".equals(event.getCommand().getString("findAndModify").getValue())) {
                    counterWrites.increment();
                }
            }
        };
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri)).addCommandListener(counting).build())) {
            MongoDatabase database = client.getDatabase("capacity");
            JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(MAPPER).build();
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(database)
                    .eventSerializer(serializer).snapshotSerializer(serializer).gapTimeout(Duration.ofSeconds(10)).build();
            long commits = append(engine, histories, writers);
            return measureStored(database, commits, counterWrites.sum());
        } finally {
            server.shutdownNow();
        }
    }

    private static long append(MongoEventStorageEngine engine, List<Map<String, Integer>> histories, int writers)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < histories.size(); i++) {
                Map<String, Integer> history = histories.get(i);
                long seed = i;
                done.add(pool.submit(() -> appendHistory(engine, history, new SplittableRandom(seed))));
            }
            long commits = 0;
            for (Future<Integer> future : done) {
                commits += future.get();
            }
            return commits;
        } finally {
            pool.shutdown();
        }
    }

    /** One commit per event, as one command per event appends them. */
    private static int appendHistory(MongoEventStorageEngine engine, Map<String, Integer> history, SplittableRandom random) {
        String artisanId = UUID.randomUUID().toString();
        MetaData metaData = MetaData.with("recordedBy", UUID.randomUUID().toString()).and("chamber", "MA-MAR")
                .and("correlationId", UUID.randomUUID().toString()).and("traceId", UUID.randomUUID().toString());
        long sequence = 0;
        for (Map.Entry<String, Integer> entry : history.entrySet()) {
            for (int n = 0; n < entry.getValue(); n++) {
                EventMessage<?> event = new GenericDomainEventMessage<>("Artisan", artisanId, sequence++,
                        payload(entry.getKey(), artisanId, random), metaData);
                engine.appendEvents(List.of(event));
            }
        }
        return (int) sequence;
    }

    private static Object payload(String type, String artisanId, SplittableRandom random) {
        LocalDate today = LocalDate.of(2026, 12, 7);
        String cardNumber = String.format("C-%02d-%08d", 1 + random.nextInt(12), random.nextInt(100_000_000));
        return switch (type) {
            case "ArtisanRegistered" -> new ArtisanRegistered(artisanId, String.format("%02d-2026-%07d", 7, random.nextInt(10_000_000)),
                    "MA-MAR-351", "MA-MAR", "A-02-03-017", "B-02-03", "2021.991", Gender.F,
                    new RegisteredQualification(QualificationRoute.EXPERIENCE, 12, null), ArtisanCategory.MASTER_ARTISAN, sealed(random));
            case "CardIssued" -> new CardIssued(artisanId, cardNumber, today, today.plusYears(5).minusDays(1), checkCode(random));
            case "CardRenewed" -> new CardRenewed(artisanId, cardNumber, today, today.plusYears(5), checkCode(random));
            case "ArtisanDetailsAmended" -> new ArtisanDetailsAmended(artisanId, List.of("phone", "address"), sealed(random),
                    "A-02-03-017", "B-02-03", "2021.991");
            case "ArtisanJoinedProfessionalBody" -> new ArtisanJoinedProfessionalBody(artisanId, UUID.randomUUID().toString(),
                    "B-02-03", today);
            default -> new CardExpired(artisanId, cardNumber, today);
        };
    }

    /** Sealed as PersonalDataVault seals: AES-256-GCM over the JSON of the personal data, a 12-byte nonce, a 16-byte tag. */
    private static SealedPersonalData sealed(SplittableRandom random) {
        PersonalData personalData = new PersonalData("BE" + (100_000 + random.nextInt(900_000)),
                new LocalizedText("فاطمة الزهراء", "Fatima Zahra"), new LocalizedText("بنعبد الله", "Benabdellah"),
                LocalDate.of(1979, 4, 12), "+212661234567", "درب سيدي بن سليمان، رقم 14، المدينة القديمة، مراكش");
        try {
            int plaintext = MAPPER.writeValueAsString(personalData).getBytes(StandardCharsets.UTF_8).length;
            return new SealedPersonalData(UUID.randomUUID().toString(), "AES-256-GCM", base64(12, random),
                    base64(plaintext + 16, random));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String checkCode(SplittableRandom random) {
        return base64(15, random).replace('+', '-').replace('/', '_');
    }

    private static String base64(int bytes, SplittableRandom random) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return Base64.getEncoder().encodeToString(data);
    }

    private static Measured measureStored(MongoDatabase database, long commits, long counterWrites) {
        long bytes = 0;
        long streamKeyBytes = 0;
        long documents = 0;
        Map<String, Long> bytesByType = new TreeMap<>();
        Map<String, Long> commitsByType = new TreeMap<>();
        for (RawBsonDocument commit : database.getCollection("commits", RawBsonDocument.class).find()) {
            if (commit.containsKey("void")) {
                continue;
            }
            int size = commit.getByteBuffer().remaining();
            bytes += size;
            documents++;
            BsonValue streamKeys = commit.get("streamKeys");
            streamKeyBytes += streamKeys.isString() ? streamKeys.asString().getValue().length() : 0;
            String type = commit.getArray("events").get(0).asDocument().getString("payloadType").getValue();
            String simpleName = type.substring(type.lastIndexOf('.') + 1);
            bytesByType.merge(simpleName, (long) size, Long::sum);
            commitsByType.merge(simpleName, 1L, Long::sum);
        }
        bytesByType.replaceAll((type, total) -> total / commitsByType.get(type));
        return new Measured(documents, (double) bytes / documents, Long.BYTES, (double) streamKeyBytes / documents,
                (double) counterWrites / commits, bytesByType);
    }
}
