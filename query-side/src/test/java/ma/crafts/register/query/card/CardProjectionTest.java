package ma.crafts.register.query.card;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static ma.crafts.register.query.support.TestEvents.message;
import static ma.crafts.register.query.support.TestEvents.registered;
import static ma.crafts.register.query.support.TestEvents.sealed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import ma.crafts.register.events.artisan.ArtisanReinstated;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.card.mongo.CardVerificationRepository;
import ma.crafts.register.query.support.InMemoryMongo;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The card projection fed with real event messages: it must follow the holder's status onto every card. */
class CardProjectionTest {

    private static final Instant T0 = Instant.parse("2024-01-10T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2025-06-01");

    private InMemoryMongo mongo;
    private CardVerificationRepository repository;
    private CardProjection projection;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        repository = new CardVerificationRepository(mongo.database());
        projection = new CardProjection(repository, new ArtisanFolding());
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void aCardFollowsItsHolderStatus() {
        projection.on(message("a1", 0, 1, T0, registered("a1", "MA-MAR", "MA-07", "B01", sealed("a1"))));
        assertThat(repository.findCard("C-1")).isEmpty();

        projection.on(message("a1", 1, 2, T0, new CardIssued("a1", "C-1", LocalDate.parse("2024-01-10"),
                LocalDate.parse("2029-01-09"), null)));
        CardRecord issued = repository.findCard("C-1").orElseThrow();
        assertThat(issued.card().isValidOn(TODAY, issued.holderStatus())).isTrue();
        assertThat(issued.activityCode()).isEqualTo("B01-001");
        assertThat(issued.holderData()).isEqualTo(sealed("a1"));

        projection.on(message("a1", 2, 3, T0, new ArtisanSuspended("a1", recordedInClear("a1", "inquiry"))));
        CardRecord suspended = repository.findCard("C-1").orElseThrow();
        assertThat(suspended.holderStatus()).isEqualTo(ArtisanStatus.SUSPENDED);
        assertThat(suspended.status()).isEqualTo(CardStatus.VALID);
        assertThat(suspended.card().isValidOn(TODAY, suspended.holderStatus())).isFalse();

        projection.on(message("a1", 3, 4, T0, new ArtisanReinstated("a1", recordedInClear("a1", "cleared"))));
        CardRecord reinstated = repository.findCard("C-1").orElseThrow();
        assertThat(reinstated.card().isValidOn(TODAY, reinstated.holderStatus())).isTrue();
        assertThat(reinstated.card().isValidOn(LocalDate.parse("2029-01-10"), reinstated.holderStatus())).isFalse();
        assertThat(reinstated.card().effectiveStatus(LocalDate.parse("2029-01-10"))).isEqualTo(CardStatus.EXPIRED);

        projection.on(message("a1", 4, 5, T0, new ArtisanStruckOff("a1", recordedInClear("a1", "deceased"))));
        assertThat(repository.findCard("C-1").orElseThrow().holderStatus()).isEqualTo(ArtisanStatus.STRUCK_OFF);
    }

    @Test
    void replayIsIdempotentAndResetClears() {
        List<DomainEventMessage<?>> events = List.of(
                message("a1", 0, 1, T0, registered("a1", "MA-MAR", "MA-07", "B01", sealed("a1"))),
                message("a1", 1, 2, T0, new CardIssued("a1", "C-1", LocalDate.parse("2024-01-10"),
                        LocalDate.parse("2029-01-09"), null)),
                message("a1", 2, 3, T0, new ArtisanSuspended("a1", recordedInClear("a1", "inquiry"))));
        events.forEach(projection::on);
        List<Document> first = cards();
        events.forEach(projection::on);
        assertThat(cards()).isEqualTo(first);

        projection.reset();
        assertThat(repository.findCard("C-1")).isEmpty();
        events.forEach(projection::on);
        assertThat(cards()).isEqualTo(first);
    }

    private List<Document> cards() {
        return mongo.database().getCollection(CardVerificationRepository.CARDS).find().into(new ArrayList<>());
    }
}
