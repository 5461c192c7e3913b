package ma.crafts.register.query.artisan;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static ma.crafts.register.query.support.TestEvents.registered;
import static ma.crafts.register.query.support.TestEvents.sealed;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import ma.crafts.register.events.artisan.ArtisanReinstated;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.QuerySideConfiguration;
import ma.crafts.register.query.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.card.CardProjection;
import ma.crafts.register.query.card.mongo.CardVerificationRepository;
import ma.crafts.register.query.support.InMemoryMongo;
import ma.crafts.register.values.ArtisanStatus;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The projections in a real tracking processor wired as the query side wires it, with two segments working in
 * parallel on the same index documents: the result must be what one caller applying the events in order produces.
 */
class ArtisanProjectionSegmentsTest {

    private static final Instant T0 = Instant.parse("2024-01-10T09:00:00Z");
    private static final String[][] PLACES = {{"MA-MAR", "MA-07"}, {"MA-SAF", "MA-07"}, {"MA-RAB", "MA-04"}, {"MA-FES", "MA-03"}};

    @Test
    void twoSegmentsBuildWhatOneCallerBuilds() throws Exception {
        List<DomainEventMessage<?>> history = history(240);

        InMemoryMongo parallel = new InMemoryMongo();
        InMemoryMongo sequential = new InMemoryMongo();
        try {
            runInProcessor(parallel.database(), history, 2, 40);

            ArtisanFolding folding = new ArtisanFolding();
            ArtisanProjection reference = new ArtisanProjection(new ArtisanViewRepository(sequential.database()),
                    new ArtisanSearchIndex(sequential.database()), folding);
            CardProjection cards = new CardProjection(new CardVerificationRepository(sequential.database()), folding);
            for (int i = 0; i < history.size(); i++) {
                DomainEventMessage<?> withPosition = withPosition(history.get(i), i);
                reference.on(withPosition);
                cards.on(withPosition);
            }

            assertThat(comparable(parallel.database())).isEqualTo(comparable(sequential.database()));
            // Each segment wrote as its own writer, named by segment id and mask.
            Document national = parallel.database().getCollection(ArtisanSearchIndex.COUNTS)
                    .find(new Document("_id", "3/*/0")).first();
            assertThat(national).containsKeys("@s0m1", "@s1m1");
            ArtisanSearchIndex index = new ArtisanSearchIndex(parallel.database());
            assertThat(index.count(ArtisanSearchKeys.key(null, null, null, null))).isEqualTo(240);
            assertThat(index.count(ArtisanSearchKeys.key(null, null, null, ArtisanStatus.SUSPENDED))).isEqualTo(20);
            List<String> firstPage = index.page(ArtisanSearchKeys.key("MA-07", null, null, null), 0, 5).artisanIds();
            assertThat(firstPage).containsExactly("a000", "a001", "a002", "a003", "a008");
        } finally {
            parallel.close();
            sequential.close();
        }
    }

    /** Registrations of every place, then suspensions of every sixth artisan, reinstatements of every twelfth, cards. */
    private static List<DomainEventMessage<?>> history(int artisans) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < artisans; i++) {
            String[] place = PLACES[(i / 2) % PLACES.length];
            events.add(event(id(i), 0, registered(id(i), place[0], place[1], "B0" + (1 + i % 3), sealed(id(i)))));
        }
        for (int i = 0; i < artisans; i += 6) {
            events.add(event(id(i), 1, new ArtisanSuspended(id(i), recordedInClear(id(i), "inquiry"))));
        }
        for (int i = 0; i < artisans; i += 12) {
            events.add(event(id(i), 2, new ArtisanReinstated(id(i), recordedInClear(id(i), "closed"))));
        }
        for (int i = 1; i < artisans; i += 6) {
            events.add(event(id(i), 1, new CardIssued(id(i), "C-" + i, java.time.LocalDate.parse("2024-01-10"),
                    java.time.LocalDate.parse("2029-01-09"), null)));
        }
        return events;
    }

    private static void runInProcessor(MongoDatabase database, List<DomainEventMessage<?>> history, int segments,
                                       int batchSize) throws InterruptedException {
        ArtisanFolding folding = new ArtisanFolding();
        ArtisanProjection artisans = new ArtisanProjection(new ArtisanViewRepository(database),
                new ArtisanSearchIndex(database), folding);
        CardProjection cards = new CardProjection(new CardVerificationRepository(database), folding);
        InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
        engine.appendEvents(history);
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> engine)
                .registerComponent(TokenStore.class, c -> new InMemoryTokenStore());
        new QuerySideConfiguration().configureProcessors(configurer.eventProcessing(), segments, batchSize);
        configurer.eventProcessing().registerEventHandler(c -> artisans);
        configurer.eventProcessing().registerEventHandler(c -> cards);
        Configuration axon = configurer.buildConfiguration();
        axon.start();
        try {
            StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                    .eventProcessor(QueryProcessors.ARTISAN_PROJECTIONS, StreamingEventProcessor.class).orElseThrow();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!caughtUp(processor, segments, history.size() - 1)) {
                assertThat(System.nanoTime()).as("processor caught up in time").isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(20);
            }
        } finally {
            axon.shutdown();
        }
    }

    private static boolean caughtUp(StreamingEventProcessor processor, int segments, long lastPosition) {
        var status = processor.processingStatus();
        return status.size() == segments && status.values().stream().allMatch(s -> s.getCurrentPosition().isPresent()
                && s.getCurrentPosition().getAsLong() >= lastPosition);
    }

    /** The in-memory store numbers events from 0 in append order: give the reference run the same positions. */
    private static DomainEventMessage<?> withPosition(DomainEventMessage<?> event, long position) {
        return new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getPayload(), event.getMetaData().and(ArtisanEvent.GLOBAL_POSITION, position), event.getIdentifier(),
                event.getTimestamp());
    }

    private static DomainEventMessage<?> event(String artisanId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Artisan", artisanId, sequence, payload, Map.of(),
                java.util.UUID.randomUUID().toString(), T0.plusSeconds(sequence));
    }

    private static String id(int i) {
        return String.format("a%03d", i);
    }

    /**
     * Every read-model document, without what depends on who wrote it: the writers' progress markers of the count
     * documents, and zero counts (a status that came and went within one batch was never counted at all).
     */
    private static Map<String, List<Document>> comparable(MongoDatabase database) {
        Map<String, List<Document>> all = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            List<Document> documents = new ArrayList<>();
            for (Document d : database.getCollection(name).find()) {
                Document copy = new Document(d);
                if (name.equals(ArtisanSearchIndex.COUNTS)) {
                    copy.entrySet().removeIf(e -> e.getKey().startsWith("@")
                            || e.getValue() instanceof Number n && n.longValue() == 0 && !e.getKey().equals("_id"));
                }
                documents.add(copy);
            }
            documents.sort((x, y) -> String.valueOf(x.get("_id")).compareTo(String.valueOf(y.get("_id"))));
            all.put(name, documents);
        }
        return all;
    }
}
