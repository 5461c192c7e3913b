package ma.crafts.register.query.artisan;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static ma.crafts.register.query.support.TestEvents.message;
import static ma.crafts.register.query.support.TestEvents.registered;
import static ma.crafts.register.query.support.TestEvents.sealed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import ma.crafts.register.events.artisan.ArtisanDetailsAmended;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.artisan.CardExpired;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.artisan.CardReinstated;
import ma.crafts.register.events.artisan.CardRenewed;
import ma.crafts.register.events.artisan.CardReplaced;
import ma.crafts.register.events.artisan.CardReportedLost;
import ma.crafts.register.events.artisan.CardRevoked;
import ma.crafts.register.events.artisan.CardSuspended;
import ma.crafts.register.events.artisan.DiplomaEvidenceChecked;
import ma.crafts.register.events.artisan.DiplomaEvidenceRecorded;
import ma.crafts.register.events.artisan.MasterArtisanStatusGranted;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded.Cause;
import ma.crafts.register.query.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.support.InMemoryMongo;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;
import ma.crafts.register.values.SealedPersonalData;
import org.junit.jupiter.api.Test;

/** Every lifecycle event through the one folding, and through the view projection and its Mongo codec. */
class LifecycleFoldingTest {

    private static final Instant T0 = Instant.parse("2024-01-10T09:00:00Z");
    private static final LocalDate D0 = LocalDate.parse("2024-01-10");
    private static final SealedPersonalData AMENDED = new SealedPersonalData("a1", "AES-256-GCM", "bm9uY2Uy", "YW1lbmRlZA==");
    private static final SealedPersonalData MOVED = new SealedPersonalData("a1", "AES-256-GCM", "bm9uY2Uz", "bW92ZWQ=");

    private final ArtisanFolding folding = new ArtisanFolding();

    private static ArtisanEvent event(long sequence, int day, Object payload) {
        return new ArtisanEvent("a1", sequence, 100 + sequence, T0.plusSeconds(86_400L * day), payload);
    }

    private List<ArtisanEvent> life() {
        return List.of(
                event(0, 0, registered("a1", "MA-MAR", "MA-07", "B01", sealed("a1"))),
                event(1, 1, new ArtisanJoinedProfessionalBody("a1", "body-mar", "B01", D0.plusDays(1))),
                event(2, 2, new ArtisanDetailsAmended("a1", List.of("phone"), AMENDED, null, null, null)),
                event(3, 3, new CardIssued("a1", "C-1", D0.plusDays(3), D0.plusYears(1), null)),
                event(4, 10, new ArtisanRelocated("a1", "MA-MAR", "MA-07", "MA-FES", "MA-03", MOVED)),
                event(5, 10, new ProfessionalBodyMembershipEnded("a1", "body-mar", "B01", D0.plusDays(1), D0.plusDays(10),
                        Cause.RELOCATED, null)),
                event(6, 11, new ArtisanDetailsAmended("a1", List.of("activityCode"), null, "B02-001", "B02",
                        "2021-provisional-1")),
                event(7, 12, new MasterArtisanStatusGranted("a1", 15, recordedInClear("a1", "ATT-15"))),
                event(8, 13, new CardSuspended("a1", "C-1", recordedInClear("a1", "usage abusif"))),
                event(9, 14, new CardReinstated("a1", "C-1", recordedInClear("a1", "levée"))),
                event(10, 15, new CardReportedLost("a1", "C-1")),
                event(11, 15, new CardReplaced("a1", "C-1", "C-2", D0.plusDays(15), D0.plusYears(1), null)),
                event(12, 300, new CardRenewed("a1", "C-2", D0.plusYears(1), D0.plusYears(2), null)),
                event(13, 800, new CardExpired("a1", "C-2", D0.plusYears(2))));
    }

    @Test
    void foldsEveryLifecycleEvent() {
        ArtisanState s = folding.foldAll(life()).orElseThrow();
        assertThat(s.version()).isEqualTo(13);
        assertThat(s.provinceCode()).isEqualTo("MA-FES");
        assertThat(s.regionCode()).isEqualTo("MA-03");
        assertThat(s.personalData()).isEqualTo(MOVED);
        assertThat(s.activityCode()).isEqualTo("B02-001");
        assertThat(s.branchCode()).isEqualTo("B02");
        assertThat(s.category()).isEqualTo(ArtisanCategory.MASTER_ARTISAN);
        assertThat(s.qualification().yearsOfPractice()).isEqualTo(15);
        assertThat(s.practiceDeclaredAt()).isEqualTo(T0.plusSeconds(86_400L * 12));
        assertThat(s.memberships()).isEmpty();
        assertThat(s.endedMemberships()).containsExactly(new EndedMembershipState("body-mar", "B01", D0.plusDays(1),
                D0.plusDays(10), Cause.RELOCATED, null));
        assertThat(s.cards()).containsExactly(
                new CardState("C-1", CardStatus.LOST, D0.plusDays(3), D0.plusYears(1), null),
                new CardState("C-2", CardStatus.EXPIRED, D0.plusDays(15), D0.plusYears(2), null));
    }

    @Test
    void asOfReadsSeeTheArtisanWhereItWasThen() {
        ArtisanState beforeMove = folding.foldUntil(life(), T0.plusSeconds(86_400L * 9)).orElseThrow();
        assertThat(beforeMove.regionCode()).isEqualTo("MA-07");
        assertThat(beforeMove.personalData()).isEqualTo(AMENDED);
        assertThat(beforeMove.memberships()).extracting(MembershipState::bodyId).containsExactly("body-mar");
        assertThat(beforeMove.currentCard().orElseThrow().isValidOn(D0.plusDays(9), beforeMove.status())).isTrue();

        ArtisanState suspendedCard = folding.foldUntil(life(), T0.plusSeconds(86_400L * 13)).orElseThrow();
        assertThat(suspendedCard.currentCard().orElseThrow().status()).isEqualTo(CardStatus.SUSPENDED);
        assertThat(suspendedCard.currentCard().orElseThrow().isValidOn(D0.plusDays(13), ArtisanStatus.ACTIVE)).isFalse();

        ArtisanState replaced = folding.foldUntil(life(), T0.plusSeconds(86_400L * 15)).orElseThrow();
        assertThat(replaced.currentCard().orElseThrow().cardNumber()).isEqualTo("C-2");
        assertThat(replaced.currentCard().orElseThrow().validUntil()).isEqualTo(D0.plusYears(1));
    }

    @Test
    void aSuspendedCardPastItsLastDayReadsExpired() {
        CardState suspended = new CardState("C-1", CardStatus.SUSPENDED, D0, D0.plusDays(10), null);
        assertThat(suspended.effectiveStatus(D0.plusDays(10))).isEqualTo(CardStatus.SUSPENDED);
        assertThat(suspended.effectiveStatus(D0.plusDays(11))).isEqualTo(CardStatus.EXPIRED);
        assertThat(new CardState("C-1", CardStatus.REVOKED, D0, D0.plusDays(10), null).effectiveStatus(D0.plusDays(11)))
                .isEqualTo(CardStatus.REVOKED);
    }

    @Test
    void diplomaEvidenceAndItsCheckAreFolded() {
        ArtisanState s = folding.foldAll(List.of(
                event(0, 0, registered("a1", "MA-MAR", "MA-07", "B01", sealed("a1"))),
                event(1, 1, new DiplomaEvidenceRecorded("a1", recordedInClear("a1", "OFPPT-1"), "OFPPT", recordedInClear("a1", "DOC-1"))),
                event(2, 1, new DiplomaEvidenceChecked("a1", recordedInClear("a1", "OFPPT-1"), DiplomaEvidenceChecked.Outcome.MISMATCH, "autre"))))
                .orElseThrow();
        assertThat(s.diplomaEvidence()).isEqualTo(new DiplomaEvidenceState(recordedInClear("a1", "OFPPT-1"), "OFPPT", recordedInClear("a1", "DOC-1"),
                T0.plusSeconds(86_400L), DiplomaEvidenceChecked.Outcome.MISMATCH, "autre"));
    }

    @Test
    void theViewProjectionStoresEverythingFoldedAndMovesSearchBuckets() {
        try (InMemoryMongo mongo = new InMemoryMongo()) {
            ArtisanViewRepository views = new ArtisanViewRepository(mongo.database());
            ArtisanSearchIndex index = new ArtisanSearchIndex(mongo.database());
            ArtisanProjection projection = new ArtisanProjection(views, index, folding);
            List<ArtisanEvent> life = life();
            for (ArtisanEvent e : life) {
                projection.on(message("a1", e.sequence(), e.position(), e.occurredAt(), e.payload()));
            }
            projection.on(message("a1", 14, 200, T0.plusSeconds(86_400L * 900),
                    new DiplomaEvidenceRecorded("a1", recordedInClear("a1", "OFPPT-1"), "OFPPT", recordedInClear("a1", "DOC-1"))));
            projection.on(message("a1", 15, 201, T0.plusSeconds(86_400L * 900),
                    new DiplomaEvidenceChecked("a1", recordedInClear("a1", "OFPPT-1"), DiplomaEvidenceChecked.Outcome.CONFIRMED, "même diplôme")));
            projection.on(message("a1", 16, 202, T0.plusSeconds(86_400L * 901), new ArtisanStruckOff("a1", recordedInClear("a1", "radiation"))));

            ArtisanState stored = views.find("a1").orElseThrow();
            ArtisanState folded = folding.foldAll(life).orElseThrow();
            assertThat(stored.endedMemberships()).isEqualTo(folded.endedMemberships());
            assertThat(stored.cards()).isEqualTo(folded.cards());
            assertThat(stored.personalData()).isEqualTo(MOVED);
            assertThat(stored.diplomaEvidence().outcome()).isEqualTo(DiplomaEvidenceChecked.Outcome.CONFIRMED);
            assertThat(stored.status()).isEqualTo(ArtisanStatus.STRUCK_OFF);

            assertThat(index.count(ArtisanSearchKeys.key("MA-07", null, null, null))).isZero();
            assertThat(index.page(ArtisanSearchKeys.key("MA-03", "MA-FES", "B02", ArtisanStatus.STRUCK_OFF), 0, 10)
                    .artisanIds()).containsExactly("a1");
            assertThat(index.count(ArtisanSearchKeys.key("MA-03", null, "B01", null))).isZero();
            assertThat(index.count(ArtisanSearchKeys.key(null, null, null, ArtisanStatus.ACTIVE))).isZero();
        }
    }
}
