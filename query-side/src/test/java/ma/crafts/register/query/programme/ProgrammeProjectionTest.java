package ma.crafts.register.query.programme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import ma.crafts.register.events.programme.ConditionType;
import ma.crafts.register.events.programme.EligibilityRule;
import ma.crafts.register.events.programme.ProgrammeDefined;
import ma.crafts.register.events.programme.ProgrammeRevised;
import ma.crafts.register.events.programme.ProgrammeTerms;
import ma.crafts.register.query.programme.mongo.ProgrammeRepository;
import ma.crafts.register.query.support.InMemoryMongo;
import ma.crafts.register.values.LocalizedText;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The programme projection on an embedded MongoDB, fed as the tracking processor feeds it, then read back. */
class ProgrammeProjectionTest {
    private static final Instant SEEDED = Instant.parse("2025-12-01T00:00:00Z");
    private static final Instant REVISED = Instant.parse("2026-06-01T00:00:00Z");
    private static final ProgrammeTerms CARD = new ProgrammeTerms("ONCF", new LocalizedText("تخفيضات", "Réductions"),
            true, "draft", List.of(new EligibilityRule("card", ConditionType.HAS_VALID_CARD, List.of(), null, null,
            null, null, true, "assumed")));
    private static final ProgrammeTerms CARD_AND_AGE = new ProgrammeTerms("ONCF", CARD.name(), false, "signed",
            List.of(CARD.rules().get(0), new EligibilityRule("young", ConditionType.AGE_BETWEEN, List.of(), null, null,
                    null, 30, false, null)));

    private InMemoryMongo mongo;
    private ProgrammeRepository repository;
    private AnnotationEventHandlerAdapter handler;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        repository = new ProgrammeRepository(mongo.database(), new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
        handler = new AnnotationEventHandlerAdapter(new ProgrammeProjection(repository));
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    private void deliver(long sequence, Object event, String recordedBy, Instant at) throws Exception {
        EventMessage<?> message = new GenericDomainEventMessage<>("Programme", "ONCF", sequence, event,
                Map.of("recordedBy", recordedBy, "globalPosition", sequence + 1), "e-" + sequence, at);
        handler.handle(message);
    }

    @Test
    void everyVersionIsKeptAndTheOneInForceIsFoundByInstant() throws Exception {
        deliver(0, new ProgrammeDefined("ONCF", SEEDED, CARD, "seed"), "system", SEEDED);
        ProgrammeRevised revision = new ProgrammeRevised("ONCF", 2, REVISED, CARD_AND_AGE, "convention signed");
        deliver(1, revision, "admin-1", Instant.parse("2026-05-01T08:00:00Z"));
        deliver(1, revision, "admin-1", Instant.parse("2026-05-01T08:00:00Z"));

        ProgrammeHistory history = repository.find("ONCF").orElseThrow();
        assertThat(history.versions()).as("a redelivered revision replaces itself").hasSize(2);
        ProgrammeVersion second = history.versions().get(1);
        assertThat(second).isEqualTo(new ProgrammeVersion("ONCF", 2, REVISED, CARD_AND_AGE, "convention signed",
                "admin-1", Instant.parse("2026-05-01T08:00:00Z")));
        assertThat(history.versions().get(0).recordedBy()).isEqualTo("system");

        assertThat(history.inForceAt(SEEDED.minusSeconds(1))).isEmpty();
        assertThat(history.inForceAt(SEEDED)).get().extracting(ProgrammeVersion::version).isEqualTo(1);
        assertThat(history.inForceAt(REVISED.minusMillis(1))).get().extracting(ProgrammeVersion::version).isEqualTo(1);
        assertThat(history.inForceAt(REVISED)).get().extracting(ProgrammeVersion::version).isEqualTo(2);

        ProgrammeView beforeRevision = ProgrammeView.of(history, Instant.parse("2026-05-02T00:00:00Z"));
        assertThat(beforeRevision.latestVersion()).isEqualTo(2);
        assertThat(beforeRevision.inForce().version()).isEqualTo(1);
        assertThat(beforeRevision.upcoming()).extracting(ProgrammeVersion::version).containsExactly(2);
    }

    @Test
    void aResetEmptiesTheProjection() throws Exception {
        deliver(0, new ProgrammeDefined("ONCF", SEEDED, CARD, "seed"), "system", SEEDED);
        assertThat(repository.all()).hasSize(1);
        new ProgrammeProjection(repository).reset();
        assertThat(repository.all()).isEmpty();
    }

    @Test
    void everyListingSeesARevisionWrittenByAnotherProcess() throws Exception {
        deliver(0, new ProgrammeDefined("ONCF", SEEDED, CARD, "seed"), "system", SEEDED);
        ProgrammeRepository otherProcess = new ProgrammeRepository(mongo.database(), new ObjectMapper()
                .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
        List<ProgrammeHistory> listed = repository.all();
        assertThat(listed).singleElement().extracting(h -> h.versions().size()).isEqualTo(1);
        assertThat(repository.all()).as("not listed again while nothing changed").isSameAs(listed);

        new AnnotationEventHandlerAdapter(new ProgrammeProjection(otherProcess)).handle(
                new GenericDomainEventMessage<>("Programme", "ONCF", 1,
                        new ProgrammeRevised("ONCF", 2, REVISED, CARD_AND_AGE, "convention signed"),
                        Map.of("recordedBy", "admin-1", "globalPosition", 2L)));

        assertThat(repository.all()).singleElement().extracting(h -> h.versions().size()).isEqualTo(2);
        otherProcess.clear();
        assertThat(repository.all()).as("nor a reset there").isEmpty();
    }
}
