package ma.crafts.register.query.artisan;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static ma.crafts.register.query.support.TestEvents.message;
import static ma.crafts.register.query.support.TestEvents.registered;
import static ma.crafts.register.query.support.TestEvents.sealed;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanReinstated;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.body.ProfessionalBodyConstituted;
import ma.crafts.register.query.ProjectionBatches;
import ma.crafts.register.query.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.support.InMemoryMongo;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.CardStatus;
import ma.crafts.register.values.LocalizedText;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The artisan projection fed with real event messages, on an embedded mongo-java-server. */
class ArtisanProjectionTest {

    private static final Instant T0 = Instant.parse("2024-01-10T09:00:00Z");

    private InMemoryMongo mongo;
    private ArtisanViewRepository views;
    private ArtisanSearchIndex index;
    private ArtisanProjection projection;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        views = new ArtisanViewRepository(mongo.database());
        index = new ArtisanSearchIndex(mongo.database());
        projection = new ArtisanProjection(views, index, new ArtisanFolding());
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    private List<DomainEventMessage<?>> lifecycle() {
        return List.of(
                message("a1", 0, 10, T0, registered("a1", "MA-MAR", "MA-07", "B01", sealed("a1"))),
                message("a2", 0, 11, T0, registered("a2", "MA-SAF", "MA-07", "B06", sealed("a2"))),
                new GenericDomainEventMessage<>("ProfessionalBody", "body-1", 0,
                        new ProfessionalBodyConstituted("body-1", BodyLevel.PROVINCIAL, "B01", "MA-MAR", "MA-07",
                                new LocalizedText("هيئة الفخار", "Corporation de la poterie")),
                        Map.of("globalPosition", 12L)),
                message("a1", 1, 13, T0.plusSeconds(60),
                        new CardIssued("a1", "C-0001", LocalDate.parse("2024-01-10"), LocalDate.parse("2029-01-09"), null)),
                message("a1", 2, 14, T0.plusSeconds(120),
                        new ArtisanJoinedProfessionalBody("a1", "body-1", "B01", LocalDate.parse("2024-01-10"))),
                message("a1", 3, 15, T0.plusSeconds(180), new ArtisanSuspended("a1", recordedInClear("a1", "unpaid dues"))),
                message("a2", 1, 16, T0.plusSeconds(200), new ArtisanSuspended("a2", recordedInClear("a2", "inquiry"))),
                message("a1", 4, 17, T0.plusSeconds(240), new ArtisanReinstated("a1", recordedInClear("a1", "dues paid"))));
    }

    @Test
    void foldsTheLifecycleIntoTheView() {
        lifecycle().forEach(projection::on);

        ArtisanState a1 = views.find("a1").orElseThrow();
        assertThat(a1.status()).isEqualTo(ArtisanStatus.ACTIVE);
        assertThat(a1.version()).isEqualTo(4);
        assertThat(a1.position()).isEqualTo(17);
        assertThat(a1.registrationPosition()).isEqualTo(10);
        assertThat(a1.currentCard()).contains(new CardState("C-0001", CardStatus.VALID,
                LocalDate.parse("2024-01-10"), LocalDate.parse("2029-01-09"), null));
        assertThat(a1.memberships()).extracting(MembershipState::bodyId).containsExactly("body-1");
        assertThat(a1.personalData()).isEqualTo(sealed("a1"));
        assertThat(views.find("body-1")).isEmpty();

        assertThat(index.page(ArtisanSearchKeys.key("MA-07", null, null, null), 0, 10).artisanIds())
                .containsExactly("a1", "a2");
        assertThat(index.page(ArtisanSearchKeys.key("MA-07", null, null, ArtisanStatus.SUSPENDED), 0, 10).artisanIds())
                .containsExactly("a2");
        assertThat(index.page(ArtisanSearchKeys.key("MA-07", "MA-MAR", "B01", ArtisanStatus.ACTIVE), 0, 10).artisanIds())
                .containsExactly("a1");
        assertThat(index.count(ArtisanSearchKeys.key("MA-07", "MA-MAR", "B01", ArtisanStatus.SUSPENDED))).isZero();
        assertThat(index.count(ArtisanSearchKeys.key(null, null, null, null))).isEqualTo(2);
    }

    @Test
    void replayingTheSameEventsLeavesTheSameState() {
        lifecycle().forEach(projection::on);
        Map<String, List<Document>> first = snapshot(mongo.database());

        lifecycle().forEach(projection::on);
        lifecycle().forEach(projection::on);

        assertThat(snapshot(mongo.database())).isEqualTo(first);
    }

    @Test
    void resetThenReplayRebuildsTheSameState() {
        lifecycle().forEach(projection::on);
        Map<String, List<Document>> first = snapshot(mongo.database());

        projection.reset();
        assertThat(views.find("a1")).isEmpty();
        assertThat(index.count(ArtisanSearchKeys.key(null, null, null, null))).isZero();

        lifecycle().forEach(projection::on);
        assertThat(snapshot(mongo.database())).isEqualTo(first);
    }

    @Test
    void redeliveryAfterACrashBetweenIndexAndViewConverges() {
        CrashingViews crashing = new CrashingViews(mongo.database());
        ArtisanProjection fragile = new ArtisanProjection(crashing, index, new ArtisanFolding());
        List<DomainEventMessage<?>> events = lifecycle();

        int crashes = 0;
        for (DomainEventMessage<?> event : events) {
            crashing.failNextSave = true;
            try {
                fragile.on(event);
            } catch (IllegalStateException e) {
                assertThat(e).hasMessage("simulated crash");
                crashes++;
            }
            // The processor rolls back its token and delivers the same event again.
            crashing.failNextSave = false;
            fragile.on(event);
        }
        assertThat(crashes).isEqualTo(events.size() - 1);

        InMemoryMongo clean = new InMemoryMongo();
        try {
            ArtisanProjection reference = new ArtisanProjection(new ArtisanViewRepository(clean.database()),
                    new ArtisanSearchIndex(clean.database()), new ArtisanFolding());
            events.forEach(reference::on);
            assertThat(snapshot(mongo.database())).isEqualTo(snapshot(clean.database()));
        } finally {
            clean.close();
        }
    }

    @Test
    void aTrackingBatchIsReadOnceAndWrittenOnceAtItsEnd() {
        InMemoryMongo direct = new InMemoryMongo();
        try {
            ArtisanProjection oneByOne = new ArtisanProjection(new ArtisanViewRepository(direct.database()),
                    new ArtisanSearchIndex(direct.database()), new ArtisanFolding());
            lifecycle().forEach(oneByOne::on);

            List<String> writesBeforeTheLastEvent = new ArrayList<>();
            UnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.copyOf(lifecycle()));
            ResultMessage<?> result = inProcessor(batch, projection, message -> {
                if (((BatchingUnitOfWork<?>) batch).isLastMessage()) {
                    mongo.commands().stream().filter(c -> !c.containsKey("find")).forEach(c -> writesBeforeTheLastEvent.add(c.toJson()));
                }
            });

            assertThat(result.isExceptional()).isFalse();
            assertThat(writesBeforeTheLastEvent).isEmpty();
            // one $in for the views, one for the count markers; one bulk per collection
            assertThat(mongo.commands().stream().filter(c -> c.containsKey("find"))).hasSize(2);
            assertThat(mongo.commands().stream().filter(c -> c.containsKey("update"))).hasSize(4);
            assertThat(withoutZeroCounts(snapshot(mongo.database()))).isEqualTo(withoutZeroCounts(snapshot(direct.database())));
        } finally {
            direct.close();
        }
    }

    @Test
    void aBatchThatFailsToWriteRollsBackAndConvergesWhenDeliveredAgain() {
        CrashingViews crashing = new CrashingViews(mongo.database());
        ArtisanProjection fragile = new ArtisanProjection(crashing, index, new ArtisanFolding());
        crashing.failNextSave = true;

        ResultMessage<?> failed = inProcessor(new BatchingUnitOfWork<>(List.copyOf(lifecycle())), fragile, m -> { });
        assertThat(failed.isExceptional()).isTrue();
        assertThat(views.find("a1")).isEmpty();

        // The processor delivers the batch again, this time in two smaller batches.
        List<DomainEventMessage<?>> events = lifecycle();
        assertThat(inProcessor(new BatchingUnitOfWork<>(List.copyOf(events.subList(0, 3))), fragile, m -> { })
                .isExceptional()).isFalse();
        assertThat(inProcessor(new BatchingUnitOfWork<>(List.copyOf(events.subList(3, events.size()))), fragile, m -> { })
                .isExceptional()).isFalse();

        InMemoryMongo clean = new InMemoryMongo();
        try {
            ArtisanProjection reference = new ArtisanProjection(new ArtisanViewRepository(clean.database()),
                    new ArtisanSearchIndex(clean.database()), new ArtisanFolding());
            events.forEach(reference::on);
            assertThat(withoutZeroCounts(snapshot(mongo.database()))).isEqualTo(withoutZeroCounts(snapshot(clean.database())));
        } finally {
            clean.close();
        }
    }

    /**
     * A status that comes and goes within one batch never creates its count, one event at a time leaves it at zero:
     * the same number, so zero counts are left out of comparisons between the two.
     */
    private static Map<String, List<Document>> withoutZeroCounts(Map<String, List<Document>> snapshot) {
        Map<String, List<Document>> stripped = new TreeMap<>(snapshot);
        stripped.computeIfPresent(ArtisanSearchIndex.COUNTS, (name, documents) -> documents.stream().map(d -> {
            Document copy = new Document(d);
            copy.entrySet().removeIf(e -> e.getValue() instanceof Number n && n.longValue() == 0 && !e.getKey().startsWith("@"));
            return copy;
        }).toList());
        return stripped;
    }

    /** Runs a batch as a tracking processor does: each event through the handler interceptors, in one unit of work. */
    private ResultMessage<?> inProcessor(UnitOfWork<EventMessage<?>> batch, ArtisanProjection handler,
                                         java.util.function.Consumer<EventMessage<?>> beforeHandling) {
        mongo.commands().clear();
        MessageHandlerInterceptor<EventMessage<?>> flushing =
                ProjectionBatches.flushing(ArtisanProjection.PROCESSING_GROUP, Optional::empty);
        return batch.executeWithResult(() -> new DefaultInterceptorChain<EventMessage<?>>(batch, List.of(flushing),
                message -> {
                    beforeHandling.accept(message);
                    handler.on((DomainEventMessage<?>) message);
                    return null;
                }).proceed());
    }

    /** A view repository that fails one save, as a crash after the index writes would. */
    private static final class CrashingViews extends ArtisanViewRepository {
        boolean failNextSave;

        CrashingViews(MongoDatabase database) {
            super(database);
        }

        @Override
        public void saveAll(Collection<ArtisanState> states) {
            if (failNextSave) {
                failNextSave = false;
                throw new IllegalStateException("simulated crash");
            }
            super.saveAll(states);
        }
    }

    /** Every document of every collection, ordered by id, for whole-database comparisons. */
    static Map<String, List<Document>> snapshot(MongoDatabase database) {
        Map<String, List<Document>> all = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            List<Document> documents = new ArrayList<>();
            database.getCollection(name).find().into(documents);
            documents.sort((x, y) -> String.valueOf(x.get("_id")).compareTo(String.valueOf(y.get("_id"))));
            all.put(name, documents);
        }
        return all;
    }
}
