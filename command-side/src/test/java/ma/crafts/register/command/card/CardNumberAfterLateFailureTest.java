package ma.crafts.register.command.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import ma.crafts.register.command.CommandSideApplication;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.command.support.CommandHttp;
import ma.crafts.register.command.support.CommandHttp.Response;
import ma.crafts.register.command.support.Concurrently;
import ma.crafts.register.events.artisan.CardIssued;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * A card command that fails after its {@code CardIssued} was stored (here: the expiry deadline cannot be written once
 * the event is appended) has used its number: no later card, of this artisan or another, gets it again.
 */
@SpringBootTest(classes = {CommandSideApplication.class, CardNumberAfterLateFailureTest.FailingDeadlineWrites.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CardNumberAfterLateFailureTest {
    private static final AtomicInteger CIN_SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 100_000));
    /** Artisans whose card expiry deadline fails to be written, after the card's event is stored. */
    private static final Set<String> DEADLINE_WRITE_FAILS_FOR = ConcurrentHashMap.newKeySet();

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    IssuedNumbers issuedNumbers;

    private CommandHttp http;
    private String clerk;

    @BeforeEach
    void token() {
        http = new CommandHttp(port);
        clerk = http.token("clerk-marrakech", "CHAMBER_CLERK", "MA-07");
    }

    @Test
    void aCardStoredBeforeTheCommandFailedKeepsItsNumber() {
        String unlucky = register();
        DEADLINE_WRITE_FAILS_FOR.add(unlucky);
        Response failed = http.post(cardsOf(unlucky), clerk, null);
        assertThat(failed.status()).as(failed.body().toString()).isGreaterThanOrEqualTo(500);
        List<String> storedForUnlucky = cardNumbersInStream(unlucky);
        assertThat(storedForUnlucky).as("the card event was stored before the failure").hasSize(1);
        String used = storedForUnlucky.get(0);

        String next = register();
        Response issued = http.post(cardsOf(next), clerk, null);
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(201);
        assertThat(issued.body().get("cardNumber").asText()).isNotEqualTo(used);
        assertThat(issuedNumbers.holderOf(IssuedNumbers.Kind.CARD, used)).contains(unlucky);
    }

    @Test
    void concurrentCardsWithLateFailuresNeverShareANumber() throws Exception {
        List<String> artisans = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String artisan = register();
            artisans.add(artisan);
            if (i % 2 == 0) {
                DEADLINE_WRITE_FAILS_FOR.add(artisan);
            }
        }
        // Two waves, so that numbers the first wave's failures might have given back are there for the second to take.
        Concurrently.run(cardRequests(artisans.subList(0, 6)));
        Concurrently.run(cardRequests(artisans.subList(6, 12)));

        Map<String, String> holderOfNumber = new HashMap<>();
        for (String artisan : artisans) {
            List<String> numbers = cardNumbersInStream(artisan);
            assertThat(numbers).as("every card command stored its event before any failure").hasSize(1);
            String previous = holderOfNumber.put(numbers.get(0), artisan);
            assertThat(previous).as("card " + numbers.get(0) + " held by two artisans").isNull();
            assertThat(issuedNumbers.holderOf(IssuedNumbers.Kind.CARD, numbers.get(0))).contains(artisan);
        }
    }

    private List<String> cardNumbersInStream(String artisanId) {
        return eventStore.readEvents(artisanId, 0).asStream()
                .map(event -> event.getPayload())
                .filter(CardIssued.class::isInstance)
                .map(payload -> ((CardIssued) payload).cardNumber())
                .toList();
    }

    private List<Callable<Response>> cardRequests(List<String> artisanIds) {
        return artisanIds.stream().<Callable<Response>>map(id -> () -> http.post(cardsOf(id), clerk, null)).toList();
    }

    private static String cardsOf(String artisanId) {
        return "/api/v1/artisans/" + artisanId + "/cards";
    }

    private String register() {
        Map<String, Object> body = new HashMap<>();
        body.put("cin", "LF" + (100_000 + CIN_SEQUENCE.incrementAndGet() % 900_000));
        body.put("firstName", Map.of("ar", "فاطمة", "fr", "Fatima"));
        body.put("lastName", Map.of("ar", "الزهراء", "fr", "Zahra"));
        body.put("birthDate", "1984-03-02");
        body.put("gender", "F");
        body.put("provinceCode", "MA-MAR");
        body.put("activityCode", "B08-001");
        body.put("qualification", Map.of("route", "EXPERIENCE", "yearsOfPractice", 5));
        Response response = http.post("/api/v1/artisans", clerk, body);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.body().get("artisanId").asText();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FailingDeadlineWrites {
        /** Replaces the Mongo deadline manager: the test needs a write that fails, not deadlines that fire. */
        @Bean
        DeadlineManager deadlineManager(Configuration axon) {
            return new FailsAfterTheEvent(SimpleDeadlineManager.builder()
                    .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon)));
        }
    }

    /** Fails the unit of work in its commit preparation, after the events the handler applied have been appended. */
    static class FailsAfterTheEvent extends SimpleDeadlineManager {
        FailsAfterTheEvent(SimpleDeadlineManager.Builder builder) {
            super(builder);
        }

        @Override
        public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                               ScopeDescriptor deadlineScope) {
            if (deadlineScope instanceof AggregateScopeDescriptor aggregate
                    && DEADLINE_WRITE_FAILS_FOR.contains(String.valueOf(aggregate.getIdentifier()))) {
                CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> {
                    throw new IllegalStateException("deadline store unavailable");
                });
            }
            return super.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
        }
    }
}
