package ma.crafts.register.query.card;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static ma.crafts.register.query.support.TestEvents.message;
import static ma.crafts.register.query.support.TestEvents.registered;
import static ma.crafts.register.query.support.TestEvents.sealed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import ma.crafts.register.events.artisan.ArtisanDetailsAmended;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.artisan.CardExpired;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.artisan.CardRenewed;
import ma.crafts.register.events.artisan.CardReplaced;
import ma.crafts.register.events.artisan.CardReportedLost;
import ma.crafts.register.events.artisan.CardRevoked;
import ma.crafts.register.events.artisan.CardSuspended;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.card.mongo.CardVerificationRepository;
import ma.crafts.register.query.support.InMemoryMongo;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;
import ma.crafts.register.values.SealedPersonalData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The public verification's records follow every card event and every change of the holder they show. */
class CardLifecycleProjectionTest {

    private static final Instant T0 = Instant.parse("2025-01-10T09:00:00Z");
    private static final LocalDate FROM = LocalDate.parse("2025-01-10");
    private static final LocalDate UNTIL = LocalDate.parse("2030-01-09");
    private static final LocalDate TODAY = LocalDate.parse("2026-06-01");
    private static final String ISSUED_CODE = "code-of-the-issued-card";
    private static final String RENEWED_CODE = "code-after-the-renewal";
    private static final String REPLACEMENT_CODE = "code-of-the-replacement";

    private InMemoryMongo mongo;
    private CardVerificationRepository repository;
    private CardProjection projection;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        repository = new CardVerificationRepository(mongo.database());
        projection = new CardProjection(repository, new ArtisanFolding());
        projection.on(message("a1", 0, 1, T0, registered("a1", "MA-MAR", "MA-07", "B01", sealed("a1"))));
        projection.on(message("a1", 1, 2, T0, new CardIssued("a1", "C-1", FROM, UNTIL, ISSUED_CODE)));
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    private CardRecord card(String number) {
        return repository.findCard(number).orElseThrow();
    }

    private static String invalidBecause(CardRecord record, LocalDate day) {
        CardStatus status = record.card().effectiveStatus(day);
        return CardVerification.invalidBecause(status, day.isBefore(record.validFrom()), record.holderStatus());
    }

    @Test
    void aLostCardStaysInvalidAndItsReplacementIsValid() {
        projection.on(message("a1", 2, 3, T0, new CardReportedLost("a1", "C-1")));
        assertThat(card("C-1").status()).isEqualTo(CardStatus.LOST);
        assertThat(invalidBecause(card("C-1"), TODAY)).isEqualTo("CARD_LOST");

        projection.on(message("a1", 3, 4, T0, new CardReplaced("a1", "C-1", "C-2", TODAY, UNTIL, REPLACEMENT_CODE)));
        assertThat(card("C-1").card().isValidOn(TODAY, card("C-1").holderStatus())).isFalse();
        CardRecord replacement = card("C-2");
        assertThat(replacement.card().isValidOn(TODAY, replacement.holderStatus())).isTrue();
        assertThat(replacement.validUntil()).isEqualTo(UNTIL);
        assertThat(invalidBecause(replacement, TODAY)).isNull();
        assertThat(invalidBecause(replacement, TODAY.minusDays(1))).isEqualTo("CARD_NOT_YET_VALID");
    }

    @Test
    void renewalSuspensionExpiryAndRevocationReachTheRecord() {
        projection.on(message("a1", 2, 3, T0, new CardRenewed("a1", "C-1", UNTIL, UNTIL.plusYears(5), RENEWED_CODE)));
        assertThat(card("C-1").validUntil()).isEqualTo(UNTIL.plusYears(5));
        projection.on(message("a1", 3, 4, T0, new CardSuspended("a1", "C-1", recordedInClear("a1", "usage abusif"))));
        assertThat(invalidBecause(card("C-1"), TODAY)).isEqualTo("CARD_SUSPENDED");
        projection.on(message("a1", 4, 5, T0, new CardExpired("a1", "C-1", UNTIL.plusYears(5))));
        assertThat(card("C-1").status()).isEqualTo(CardStatus.EXPIRED);
        projection.on(message("a1", 5, 6, T0, new CardRevoked("a1", "C-1", recordedInClear("a1", "fraude"))));
        assertThat(invalidBecause(card("C-1"), TODAY)).isEqualTo("CARD_REVOKED");
    }

    @Test
    void aCheckCodeLeadsToItsCardUntilARenewalReplacesIt() {
        assertThat(repository.findCardNumberByCheckCode(ISSUED_CODE)).contains("C-1");
        assertThat(card("C-1").checkCode()).isEqualTo(ISSUED_CODE);

        projection.on(message("a1", 2, 3, T0, new CardRenewed("a1", "C-1", UNTIL, UNTIL.plusYears(5), RENEWED_CODE)));
        assertThat(repository.findCardNumberByCheckCode(ISSUED_CODE)).isEmpty();
        assertThat(repository.findCardNumberByCheckCode(RENEWED_CODE)).contains("C-1");
        assertThat(card("C-1").checkCode()).isEqualTo(RENEWED_CODE);

        // A lost card keeps its code, which goes on telling whoever scans it that the card is LOST.
        projection.on(message("a1", 3, 4, T0, new CardReportedLost("a1", "C-1")));
        projection.on(message("a1", 4, 5, T0, new CardReplaced("a1", "C-1", "C-2", TODAY, UNTIL, REPLACEMENT_CODE)));
        assertThat(repository.findCardNumberByCheckCode(RENEWED_CODE)).contains("C-1");
        assertThat(repository.findCardNumberByCheckCode(REPLACEMENT_CODE)).contains("C-2");

        projection.reset();
        assertThat(repository.findCardNumberByCheckCode(REPLACEMENT_CODE)).isEmpty();
    }

    @Test
    void theRecordFollowsTheHoldersMoveNameAndStatus() {
        SealedPersonalData renamed = new SealedPersonalData("a1", "AES-256-GCM", "bm9uY2Uy", "cmVuYW1lZA==");
        projection.on(message("a1", 2, 3, T0, new ArtisanDetailsAmended("a1", List.of("lastName"), renamed,
                "B02-001", "B02", "2021-provisional-1")));
        assertThat(card("C-1").holderData()).isEqualTo(renamed);
        assertThat(card("C-1").activityCode()).isEqualTo("B02-001");

        projection.on(message("a1", 3, 4, T0, new ArtisanRelocated("a1", "MA-MAR", "MA-07", "MA-FES", "MA-03", renamed)));
        assertThat(card("C-1").card().isValidOn(TODAY, card("C-1").holderStatus())).isTrue();

        projection.on(message("a1", 4, 5, T0, new ArtisanStruckOff("a1", recordedInClear("a1", "radiation"))));
        assertThat(card("C-1").holderStatus()).isEqualTo(ArtisanStatus.STRUCK_OFF);
        assertThat(invalidBecause(card("C-1"), TODAY)).isEqualTo("HOLDER_NOT_ACTIVE");
    }
}
