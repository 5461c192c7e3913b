package ma.crafts.register.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The cluster test's verdicts on what was acknowledged against what was stored: each fault it must catch, caught. */
class ClusterCheckTest {
    private static final LocalDate NEW_DAY = LocalDate.of(2026, 12, 8);

    private final List<StoredEvents.Event> stored = new ArrayList<>();
    private final List<Ledger.Entry> ledger = new ArrayList<>();
    private final ClusterCheck check = new ClusterCheck();

    private void store(String artisan, String type, Document payload) {
        long sequence = stored.stream().filter(e -> e.aggregateId().equals(artisan)).count();
        stored.add(new StoredEvents.Event(stored.size(), artisan, sequence, type, payload));
    }

    private void ack(long journey, Step step, String artisan) {
        ledger.add(new Ledger.Entry(Ledger.Kind.ACK, 0, journey, step, artisan, -1, "-"));
    }

    private long[] exactlyOnce() {
        return check.exactlyOnce(StoredEvents.of(stored), ledger);
    }

    @Test
    void acknowledgedCommandsStoredOnce_passWithEventsOfOtherKindsBetween() {
        store("a1", "ArtisanRegistered", new Document("nia", "N1"));
        store("a1", "MasterArtisanStatusGranted", new Document());
        store("a1", "CardIssued", new Document("cardNumber", "C1"));
        ack(0, Step.REGISTER, "a1");
        ack(0, Step.ISSUE_CARD, "a1");

        assertThat(exactlyOnce()).containsExactly(2, 0, 0);
        assertThat(check.violations()).isEmpty();
    }

    @Test
    void aCommandStoredTwice_isADuplicate() {
        store("a1", "ArtisanRegistered", new Document("nia", "N1"));
        store("a1", "ArtisanSuspended", new Document());
        store("a1", "ArtisanSuspended", new Document());
        ack(0, Step.REGISTER, "a1");
        ack(0, Step.SUSPEND, "a1");

        assertThat(exactlyOnce()).containsExactly(2, 0, 1);
        assertThat(check.violations()).hasSize(1);
    }

    @Test
    void anAcknowledgedCommandMissingFromTheStore_isLost() {
        store("a1", "ArtisanRegistered", new Document("nia", "N1"));
        ack(0, Step.REGISTER, "a1");
        ack(0, Step.ISSUE_CARD, "a1");

        assertThat(exactlyOnce()).containsExactly(1, 1, 0);
        assertThat(check.violations()).hasSize(1);
    }

    @Test
    void theCommandAJourneyGaveUpOn_mayBeStoredOnce() {
        store("a1", "ArtisanRegistered", new Document("nia", "N1"));
        store("a1", "CardIssued", new Document("cardNumber", "C1"));
        ack(0, Step.REGISTER, "a1");
        ledger.add(new Ledger.Entry(Ledger.Kind.UNKNOWN, 0, 0, Step.ISSUE_CARD, "a1", -1, "409 outcome unknown"));

        assertThat(exactlyOnce()).containsExactly(1, 0, 0);
        assertThat(check.violations()).isEmpty();
    }

    @Test
    void aRegistrationStoredTwice_underTwoArtisanIds_isCaught() {
        store("a1", "ArtisanRegistered", new Document("nia", "N1"));
        store("a2", "ArtisanRegistered", new Document("nia", "N2"));
        ack(0, Step.REGISTER, "a1");

        exactlyOnce();
        assertThat(check.violations()).singleElement().asString().contains("applied twice");
    }

    @Test
    void everyCardDueExpiresOnce_unlessReportedLostFirst() {
        store("a1", "CardIssued", new Document("cardNumber", "C1").append("validUntil", "2026-12-07"));
        store("a1", "CardExpired", new Document("cardNumber", "C1"));
        store("a2", "CardIssued", new Document("cardNumber", "C2").append("validUntil", "2026-12-07"));
        store("a2", "CardReportedLost", new Document("cardNumber", "C2"));
        store("a3", "CardIssued", new Document("cardNumber", "C3").append("validUntil", "2026-12-08"));

        assertThat(check.deadlinesFiredOnce(StoredEvents.of(stored), NEW_DAY)).containsExactly(1, 1);
        assertThat(check.violations()).isEmpty();
    }

    @Test
    void aDeadlineFiredTwice_orNotAtAll_isCaught() {
        store("a1", "CardIssued", new Document("cardNumber", "C1").append("validUntil", "2026-12-07"));
        store("a1", "CardExpired", new Document("cardNumber", "C1"));
        store("a1", "CardExpired", new Document("cardNumber", "C1"));
        store("a2", "CardIssued", new Document("cardNumber", "C2").append("validUntil", "2026-12-07"));

        check.deadlinesFiredOnce(StoredEvents.of(stored), NEW_DAY);
        assertThat(check.violations()).hasSize(2)
                .anySatisfy(v -> assertThat(v).contains("C1").contains("expired 2 times"))
                .anySatisfy(v -> assertThat(v).contains("C2").contains("expired 0 times"));
    }
}
