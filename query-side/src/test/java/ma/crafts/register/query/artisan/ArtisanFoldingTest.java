package ma.crafts.register.query.artisan;

import static ma.crafts.register.values.SealedText.recordedInClear;
import static ma.crafts.register.query.support.TestEvents.registered;
import static ma.crafts.register.query.support.TestEvents.sealed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.values.ArtisanStatus;
import org.junit.jupiter.api.Test;

class ArtisanFoldingTest {

    private final ArtisanFolding folding = new ArtisanFolding();
    private final List<ArtisanEvent> stream = List.of(
            new ArtisanEvent("a1", 0, 5, Instant.parse("2024-01-10T09:00:00Z"),
                    registered("a1", "MA-MAR", "MA-07", "B01", sealed("a1"))),
            new ArtisanEvent("a1", 1, 9, Instant.parse("2024-06-01T09:00:00Z"),
                    new CardIssued("a1", "C-1", LocalDate.parse("2024-06-01"), LocalDate.parse("2029-05-31"), null)),
            new ArtisanEvent("a1", 2, 14, Instant.parse("2025-02-01T09:00:00Z"), new ArtisanSuspended("a1", recordedInClear("a1", "inquiry"))));

    @Test
    void foldsUpToAnInstantInclusive() {
        assertThat(folding.foldUntil(stream, Instant.parse("2024-01-10T08:59:59Z"))).isEmpty();

        ArtisanState registered = folding.foldUntil(stream, Instant.parse("2024-01-10T09:00:00Z")).orElseThrow();
        assertThat(registered.version()).isZero();
        assertThat(registered.cards()).isEmpty();

        ArtisanState withCard = folding.foldUntil(stream, Instant.parse("2025-01-31T23:00:00Z")).orElseThrow();
        assertThat(withCard.status()).isEqualTo(ArtisanStatus.ACTIVE);
        assertThat(withCard.currentCard()).isPresent();
        assertThat(withCard.position()).isEqualTo(9);

        assertThat(folding.foldAll(stream).orElseThrow().status()).isEqualTo(ArtisanStatus.SUSPENDED);
    }

    @Test
    void anEventAlreadyAppliedChangesNothing() {
        ArtisanState all = folding.foldAll(stream).orElseThrow();
        for (ArtisanEvent event : stream) {
            assertThat(folding.apply(all, event)).containsSame(all);
        }
    }

    @Test
    void aStreamWithoutRegistrationIsNoArtisan() {
        assertThat(folding.foldAll(stream.subList(1, 3))).isEmpty();
    }
}
