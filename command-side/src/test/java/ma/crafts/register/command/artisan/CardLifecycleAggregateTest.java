package ma.crafts.register.command.artisan;

import static ma.crafts.register.command.support.AggregateFixtures.sealed;
import static ma.crafts.register.command.support.AggregateFixtures.registeredInMarrakech;
import static ma.crafts.register.command.support.AggregateFixtures.rule;
import ma.crafts.register.command.support.AggregateFixtures;
import java.util.Map;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import ma.crafts.register.command.ActorMetadata;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.support.FixtureClock;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardExpired;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.artisan.CardReinstated;
import ma.crafts.register.events.artisan.CardRenewed;
import ma.crafts.register.events.artisan.CardReplaced;
import ma.crafts.register.events.artisan.CardReportedLost;
import ma.crafts.register.events.artisan.CardRevoked;
import ma.crafts.register.events.artisan.CardSuspended;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The card lifecycle on the artisan aggregate: every transition and rejection, and the card-expiry deadline, with
 * the register's clock following the fixture's time so that deadlines fire on the day the policy computes.
 */
class CardLifecycleAggregateTest {
    private static final String ID = "5b0c3f3e-8d1a-4c55-9d3e-0f6f0e6a1a03";
    private static final String REGION = "MA-07";
    /** 2026-03-10 10:00 in Morocco. */
    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    /** The fixture's policy: cards valid one year, renewable three months ahead and six months after. */
    private static final LocalDate ONE_YEAR_CARD_UNTIL = LocalDate.of(2027, 3, 9);
    private static final String CARD = new CardNumber(REGION, 2026, 45).value();
    private static final String CARD_2 = new CardNumber(REGION, 2026, 46).value();
    private static final String CHECK_CODE = "checkCodeOfTheFirstCrd";
    private static final String RENEWED_CHECK_CODE = "checkCodeOfTheNextCard";

    private AggregateTestFixture<Artisan> fixture;
    /** How far the register's clock is ahead of (positive) or behind (negative) the deadline manager's. */
    private final AtomicReference<Duration> skew = new AtomicReference<>(Duration.ZERO);

    @BeforeEach
    void setUp() {
        fixture = AggregateFixtures.fixture(Artisan.class, f -> new RegisterPolicy(
                new FixtureClock(() -> f.currentTime().plus(skew.get()), RegisterPolicy.MOROCCO),
                Period.ofYears(1), 15, 120, Period.ofMonths(3), Period.ofMonths(6), 3, 10), Map.of());
    }

    private static ArtisanRegistered registered() {
        return registeredInMarrakech(ID, new Nia(REGION, 2026, 125).value(), Gender.M,
                AggregateFixtures.experience(7), ArtisanCategory.ARTISAN);
    }

    private static CardIssued issued(LocalDate validFrom, LocalDate validUntil) {
        return new CardIssued(ID, CARD, validFrom, validUntil, CHECK_CODE);
    }

    /** Midnight after the last valid day, Morocco time. */
    private static Instant endOf(LocalDate validUntil) {
        return validUntil.plusDays(1).atStartOfDay(RegisterPolicy.MOROCCO).toInstant();
    }

    // --- issue and expiry deadline ------------------------------------------------------------------------------

    @Test
    void issuingSchedulesTheExpiryAtMidnightAfterTheLastValidDay() {
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .when(new IssueCard(ID, CARD, REGION, CHECK_CODE))
                .expectEvents(issued(TODAY, ONE_YEAR_CARD_UNTIL))
                .expectScheduledDeadline(Duration.between(NOW, endOf(ONE_YEAR_CARD_UNTIL)),
                        new CardExpiryDue(CARD, ONE_YEAR_CARD_UNTIL));
    }

    @Test
    void aCardNeedsACheckCodeDrawnAtTheEdge_aMissingOrGuessableOneIsRefused() {
        for (String notDrawn : new String[] {null, "", "C07-2026-000045-3", "short"}) {
            setUp();
            fixture.givenCurrentTime(NOW).andGiven(registered())
                    .when(new IssueCard(ID, CARD, REGION, notDrawn))
                    .expectException(IllegalArgumentException.class).expectNoEvents();
        }
    }

    @Test
    void theCardExpiresWhenItsLastValidDayIsOverAndTheRegisterRecordsIt() {
        fixture.givenCurrentTime(NOW).andGiven(registered()).andGivenCommands(new IssueCard(ID, CARD, REGION, CHECK_CODE))
                .whenTimeAdvancesTo(endOf(ONE_YEAR_CARD_UNTIL))
                .expectTriggeredDeadlines(new CardExpiryDue(CARD, ONE_YEAR_CARD_UNTIL))
                .expectEvents(new CardExpired(ID, CARD, ONE_YEAR_CARD_UNTIL))
                .expectEventsMatching(predicate((List<EventMessage<?>> events) -> events.size() == 1
                        && ActorMetadata.SYSTEM.equals(events.get(0).getMetaData().get(ActorMetadata.RECORDED_BY))
                        && "MA".equals(events.get(0).getMetaData().get(ActorMetadata.CHAMBER))));
    }

    @Test
    void theLastValidDayItselfStillCounts() {
        fixture.givenCurrentTime(NOW).andGiven(registered()).andGivenCommands(new IssueCard(ID, CARD, REGION, CHECK_CODE))
                .whenTimeAdvancesTo(endOf(ONE_YEAR_CARD_UNTIL).minusSeconds(1))
                .expectNoEvents()
                .expectTriggeredDeadlines();
    }

    @Test
    void aSuspendedCardStillExpires() {
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .andGivenCommands(new IssueCard(ID, CARD, REGION, CHECK_CODE), new SuspendCard(ID, CARD, "usage abusif", REGION))
                .whenTimeAdvancesTo(endOf(ONE_YEAR_CARD_UNTIL))
                .expectEvents(new CardExpired(ID, CARD, ONE_YEAR_CARD_UNTIL));
    }

    @Test
    void revokingOrLosingACardCancelsItsExpiry() {
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .andGivenCommands(new IssueCard(ID, CARD, REGION, CHECK_CODE), new RevokeCard(ID, CARD, "fraude", REGION))
                .whenTimeAdvancesTo(endOf(ONE_YEAR_CARD_UNTIL))
                .expectNoEvents()
                .expectTriggeredDeadlines();
        setUp();
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .andGivenCommands(new IssueCard(ID, CARD, REGION, CHECK_CODE), new ReportCardLost(ID, CARD, REGION))
                .whenTimeAdvancesTo(endOf(ONE_YEAR_CARD_UNTIL))
                .expectNoEvents()
                .expectTriggeredDeadlines();
    }

    @Test
    void aReplacementCardExpiresOnTheLostCardsLastValidDay() {
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .andGivenCommands(new IssueCard(ID, CARD, REGION, CHECK_CODE), new ReportCardLost(ID, CARD, REGION),
                        new ReplaceCard(ID, CARD, CARD_2, REGION, RENEWED_CHECK_CODE))
                .whenTimeAdvancesTo(endOf(ONE_YEAR_CARD_UNTIL))
                .expectTriggeredDeadlines(new CardExpiryDue(CARD_2, ONE_YEAR_CARD_UNTIL))
                .expectEvents(new CardExpired(ID, CARD_2, ONE_YEAR_CARD_UNTIL));
    }

    @Test
    void aDeadlineRunningBeforeTheRegistersMidnightIsPutBackNotExpiredEarly() {
        fixture.givenCurrentTime(NOW).andGiven(registered()).andGivenCommands(new IssueCard(ID, CARD, REGION, CHECK_CODE));
        // From now on the register's clock runs two hours behind the deadline manager's, as on a skewed node.
        skew.set(Duration.ofHours(-2));
        fixture.whenTimeAdvancesTo(endOf(ONE_YEAR_CARD_UNTIL).plus(Duration.ofHours(3)))
                .expectTriggeredDeadlines(new CardExpiryDue(CARD, ONE_YEAR_CARD_UNTIL),
                        new CardExpiryDue(CARD, ONE_YEAR_CARD_UNTIL))
                .expectEvents(new CardExpired(ID, CARD, ONE_YEAR_CARD_UNTIL));
    }

    @Test
    void aDeadlineOutlivedByARenewalChangesNothing() {
        Artisan artisan = new Artisan();
        artisan.on(registered());
        artisan.on(issued(TODAY, ONE_YEAR_CARD_UNTIL));
        artisan.on(new CardRenewed(ID, CARD, ONE_YEAR_CARD_UNTIL, ONE_YEAR_CARD_UNTIL.plusYears(1), RENEWED_CHECK_CODE));
        // Outside a unit of work applying an event would throw: returning quietly proves nothing was applied.
        artisan.on(new CardExpiryDue(CARD, ONE_YEAR_CARD_UNTIL), null, null);
        artisan.on(new CardExpiryDue(CARD_2, ONE_YEAR_CARD_UNTIL.plusYears(1)), null, null);
    }

    // --- issue rules --------------------------------------------------------------------------------------------

    @Test
    void noNewCardWhileTheCurrentOneIsSuspended() {
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY.minusMonths(1), ONE_YEAR_CARD_UNTIL),
                        new CardSuspended(ID, CARD, sealed(ID, "enquête")))
                .when(new IssueCard(ID, CARD_2, REGION, CHECK_CODE))
                .expectException(rule("card-suspended"))
                .expectNoEvents();
    }

    @Test
    void aSuspensionOutlivesTheCardsExpiry_noRenewalNoNewCard_untilRevoked() {
        LocalDate past = TODAY.minusDays(1);
        CardSuspended suspended = new CardSuspended(ID, CARD, sealed(ID, "enquête"));
        CardExpired expired = new CardExpired(ID, CARD, past);
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(past.minusYears(1), past), suspended, expired)
                .when(new RenewCard(ID, CARD, REGION, RENEWED_CHECK_CODE))
                .expectException(rule("card-suspended")).expectNoEvents();
        setUp();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(past.minusYears(1), past), suspended, expired)
                .when(new IssueCard(ID, CARD_2, REGION, CHECK_CODE))
                .expectException(rule("card-suspended")).expectNoEvents();
        setUp();
        // Past its last day but before the deadline has recorded the expiry: the same.
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(past.minusYears(1), past), suspended)
                .when(new RenewCard(ID, CARD, REGION, RENEWED_CHECK_CODE))
                .expectException(rule("card-suspended")).expectNoEvents();
        setUp();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(past.minusYears(1), past), suspended, expired,
                        new CardRevoked(ID, CARD, sealed(ID, "fraude")))
                .when(new IssueCard(ID, CARD_2, REGION, CHECK_CODE))
                .expectSuccessfulHandlerExecution();
        setUp();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(past.minusYears(1), past), expired)
                .when(new RenewCard(ID, CARD, REGION, RENEWED_CHECK_CODE))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aLostCardCanBeFollowedByANewFullCard() {
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY.minusMonths(1), ONE_YEAR_CARD_UNTIL),
                        new CardReportedLost(ID, CARD))
                .when(new IssueCard(ID, CARD_2, REGION, CHECK_CODE))
                .expectEvents(new CardIssued(ID, CARD_2, TODAY, ONE_YEAR_CARD_UNTIL, CHECK_CODE));
    }

    // --- renewal ------------------------------------------------------------------------------------------------

    @Test
    void renewingWithinTheWindowContinuesTheValidityAndMovesTheDeadline() {
        LocalDate until = TODAY.plusMonths(2);
        LocalDate renewedUntil = until.plusDays(1).plusYears(1).minusDays(1);
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(until.minusYears(1).plusDays(1), until))
                .when(new RenewCard(ID, CARD, REGION, RENEWED_CHECK_CODE))
                .expectEvents(new CardRenewed(ID, CARD, until, renewedUntil, RENEWED_CHECK_CODE))
                .expectScheduledDeadline(Duration.between(NOW, endOf(renewedUntil)), new CardExpiryDue(CARD, renewedUntil));
    }

    @Test
    void renewingCancelsTheOldExpiry() {
        LocalDate firstUntil = TODAY.plusMonths(1).minusDays(1);
        LocalDate renewedUntil = firstUntil.plusMonths(1);
        monthlyCards().givenCurrentTime(NOW).andGiven(registered())
                .andGivenCommands(new IssueCard(ID, CARD, REGION, CHECK_CODE), new RenewCard(ID, CARD, REGION, RENEWED_CHECK_CODE))
                .whenTimeAdvancesTo(endOf(firstUntil))
                .expectNoEvents()
                .expectTriggeredDeadlines();
        monthlyCards().givenCurrentTime(NOW).andGiven(registered())
                .andGivenCommands(new IssueCard(ID, CARD, REGION, CHECK_CODE), new RenewCard(ID, CARD, REGION, RENEWED_CHECK_CODE))
                .whenTimeAdvancesTo(endOf(renewedUntil))
                .expectTriggeredDeadlines(new CardExpiryDue(CARD, renewedUntil))
                .expectEvents(new CardExpired(ID, CARD, renewedUntil));
    }

    /** Cards valid one month, so a card can be issued and renewed on the same day (renewal window P3M). */
    private static AggregateTestFixture<Artisan> monthlyCards() {
        return AggregateFixtures.fixture(Artisan.class, monthly -> new RegisterPolicy(
                new FixtureClock(monthly::currentTime, RegisterPolicy.MOROCCO), Period.ofMonths(1),
                15, 120, Period.ofMonths(3), Period.ofMonths(6), 3, 10), Map.of());
    }

    @Test
    void anExpiredCardIsRenewedFromTodayDuringTheGracePeriod() {
        LocalDate until = TODAY.minusMonths(2);
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(until.minusYears(1).plusDays(1), until),
                        new CardExpired(ID, CARD, until))
                .when(new RenewCard(ID, CARD, REGION, RENEWED_CHECK_CODE))
                .expectEvents(new CardRenewed(ID, CARD, until, ONE_YEAR_CARD_UNTIL, RENEWED_CHECK_CODE));
    }

    @Test
    void renewalRejections() {
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL))
                .when(new RenewCard(ID, CARD, REGION, RENEWED_CHECK_CODE))
                .expectException(rule("card-renewal-too-early"))
                .expectNoEvents();
        LocalDate longAgo = TODAY.minusMonths(7);
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(longAgo.minusYears(1), longAgo),
                        new CardExpired(ID, CARD, longAgo))
                .when(new RenewCard(ID, CARD, REGION, RENEWED_CHECK_CODE))
                .expectException(rule("card-renewal-grace-passed"))
                .expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, TODAY.plusDays(10)),
                        new CardRevoked(ID, CARD, sealed(ID, "fraude")))
                .when(new RenewCard(ID, CARD, REGION, RENEWED_CHECK_CODE))
                .expectException(rule("card-not-renewable"))
                .expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, TODAY.plusDays(10)),
                        new ArtisanSuspended(ID, sealed(ID, "enquête")))
                .when(new RenewCard(ID, CARD, REGION, RENEWED_CHECK_CODE))
                .expectException(rule("artisan-must-be-active"))
                .expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, TODAY.plusDays(10)),
                        new ArtisanStruckOff(ID, sealed(ID, "radiation")))
                .when(new RenewCard(ID, CARD, REGION, RENEWED_CHECK_CODE))
                .expectException(rule("artisan-must-be-active"))
                .expectNoEvents();
    }

    // --- suspension, reinstatement, revocation ------------------------------------------------------------------

    @Test
    void suspendsAndReinstatesACard() {
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL))
                .when(new SuspendCard(ID, CARD, " usage abusif ", REGION))
                .expectEvents(new CardSuspended(ID, CARD, sealed(ID, "usage abusif")));
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL),
                        new CardSuspended(ID, CARD, sealed(ID, "usage abusif")))
                .when(new ReinstateCard(ID, CARD, "levée", REGION))
                .expectEvents(new CardReinstated(ID, CARD, sealed(ID, "levée")));
    }

    @Test
    void revokesAValidSuspendedOrExpiredCard() {
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL))
                .when(new RevokeCard(ID, CARD, "fraude", REGION))
                .expectEvents(new CardRevoked(ID, CARD, sealed(ID, "fraude")));
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL),
                        new CardSuspended(ID, CARD, sealed(ID, "enquête")))
                .when(new RevokeCard(ID, CARD, "fraude", REGION))
                .expectEvents(new CardRevoked(ID, CARD, sealed(ID, "fraude")));
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY.minusYears(1), TODAY.minusDays(1)))
                .when(new RevokeCard(ID, CARD, "fraude", REGION))
                .expectEvents(new CardRevoked(ID, CARD, sealed(ID, "fraude")));
    }

    @Test
    void cardStatusRejectionsNameWhatIsInTheWay() {
        LocalDate past = TODAY.minusDays(1);
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL),
                        new CardSuspended(ID, CARD, sealed(ID, "x")))
                .when(new SuspendCard(ID, CARD, "encore", REGION))
                .expectException(rule("card-suspended")).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(past.minusYears(1), past))
                .when(new SuspendCard(ID, CARD, "trop tard", REGION))
                .expectException(rule("card-expired")).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL))
                .when(new ReinstateCard(ID, CARD, "rien à lever", REGION))
                .expectException(rule("card-not-suspended")).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(past.minusYears(1), past), new CardSuspended(ID, CARD, sealed(ID, "x")))
                .when(new ReinstateCard(ID, CARD, "après échéance", REGION))
                .expectException(rule("card-expired")).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL), new CardRevoked(ID, CARD, sealed(ID, "x")))
                .when(new RevokeCard(ID, CARD, "encore", REGION))
                .expectException(rule("card-revoked")).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL), new CardReportedLost(ID, CARD))
                .when(new RevokeCard(ID, CARD, "perdue", REGION))
                .expectException(rule("card-lost")).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL))
                .when(new SuspendCard(ID, CARD, " ", REGION))
                .expectException(InvalidInputException.class).expectNoEvents();
    }

    // --- loss and replacement -----------------------------------------------------------------------------------

    @Test
    void reportsALossAndReplacesTheCardWithANewNumber() {
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY.minusMonths(2), ONE_YEAR_CARD_UNTIL))
                .when(new ReportCardLost(ID, CARD, REGION))
                .expectEvents(new CardReportedLost(ID, CARD));
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY.minusMonths(2), ONE_YEAR_CARD_UNTIL),
                        new CardReportedLost(ID, CARD))
                .when(new ReplaceCard(ID, CARD, CARD_2, REGION, RENEWED_CHECK_CODE))
                .expectEvents(new CardReplaced(ID, CARD, CARD_2, TODAY, ONE_YEAR_CARD_UNTIL, RENEWED_CHECK_CODE))
                .expectScheduledDeadline(Duration.between(NOW, endOf(ONE_YEAR_CARD_UNTIL)),
                        new CardExpiryDue(CARD_2, ONE_YEAR_CARD_UNTIL));
    }

    @Test
    void lossAndReplacementRejections() {
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL), new CardSuspended(ID, CARD, sealed(ID, "x")))
                .when(new ReportCardLost(ID, CARD, REGION))
                .expectException(rule("card-suspended")).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL))
                .when(new ReplaceCard(ID, CARD, CARD_2, REGION, RENEWED_CHECK_CODE))
                .expectException(rule("card-must-be-reported-lost")).expectNoEvents();
        LocalDate past = TODAY.minusDays(1);
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(past.minusYears(1), past), new CardReportedLost(ID, CARD))
                .when(new ReplaceCard(ID, CARD, CARD_2, REGION, RENEWED_CHECK_CODE))
                .expectException(rule("card-expired")).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL), new CardReportedLost(ID, CARD),
                        new ArtisanStruckOff(ID, sealed(ID, "radiation")))
                .when(new ReplaceCard(ID, CARD, CARD_2, REGION, RENEWED_CHECK_CODE))
                .expectException(rule("artisan-must-be-active")).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL), new CardReportedLost(ID, CARD))
                .when(new ReplaceCard(ID, CARD, "C07-2026-000046-0", REGION, RENEWED_CHECK_CODE))
                .expectException(InvalidInputException.class).expectNoEvents();
    }

    @Test
    void onlyTheCurrentCardOfTheArtisanAndOnlyByItsRegion() {
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL), new CardReportedLost(ID, CARD),
                        new CardReplaced(ID, CARD, CARD_2, TODAY, ONE_YEAR_CARD_UNTIL, RENEWED_CHECK_CODE))
                .when(new SuspendCard(ID, CARD, "ancienne carte", REGION))
                .expectException(rule("card-superseded")).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .when(new RevokeCard(ID, CARD, "aucune carte", REGION))
                .expectException(NotFoundException.class).expectNoEvents();
        fixture.givenCurrentTime(NOW).andGiven(registered(), issued(TODAY, ONE_YEAR_CARD_UNTIL))
                .when(new RevokeCard(ID, CARD, "autre région", "MA-03"))
                .expectException(ForbiddenException.class).expectNoEvents();
    }
}
