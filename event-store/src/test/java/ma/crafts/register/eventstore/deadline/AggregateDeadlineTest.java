package ma.crafts.register.eventstore.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.List;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A deadline scheduled by an aggregate's command handler, through a real Axon configuration on the Mongo event store,
 * comes back to that aggregate's {@code @DeadlineHandler} after a restart of the whole configuration.
 */
class AggregateDeadlineTest {

    record OpenReview(@TargetAggregateIdentifier String reviewId, long dueInMillis) {
    }

    record ReviewOpened(String reviewId) {
    }

    record ReviewDue(String note) {
    }

    record ReviewClosed(String reviewId, String note) {
    }

    /** An aggregate that schedules a deadline and records, as an event, that the deadline reached it. */
    public static class Review {
        @AggregateIdentifier
        private String reviewId;

        protected Review() {
        }

        @CommandHandler
        public Review(OpenReview command, DeadlineManager deadlines) {
            apply(new ReviewOpened(command.reviewId()));
            deadlines.schedule(Duration.ofMillis(command.dueInMillis()), "reviewDue",
                    new ReviewDue("مراجعة المطابقة / revue de conformité"));
        }

        @DeadlineHandler(deadlineName = "reviewDue")
        void on(ReviewDue due) {
            apply(new ReviewClosed(reviewId, due.note()));
        }

        @EventSourcingHandler
        void on(ReviewOpened event) {
            reviewId = event.reviewId();
        }
    }

    private final TestDatabases databases = new TestDatabases();
    private final JacksonSerializer serializer = TestDatabases.serializer();
    private Configuration running;

    @AfterEach
    void tearDown() {
        if (running != null) {
            running.shutdown();
        }
        databases.close();
    }

    @Test
    void aDeadlineScheduledByAnAggregate_reachesItsDeadlineHandler_evenAcrossARestart() {
        MongoDatabase database = databases.newProcess();
        Configuration first = axon(database);
        first.start();
        running = first;
        first.commandGateway().sendAndWait(new OpenReview("review-now", 100));
        first.commandGateway().sendAndWait(new OpenReview("review-later", 3_000));
        await().atMost(Duration.ofSeconds(15)).until(() -> events(first, "review-now").size() == 2);
        first.shutdown();
        running = null;
        assertThat(events(first, "review-later")).hasSize(1);

        Configuration second = axon(databases.newProcess());
        second.start();
        running = second;
        await().atMost(Duration.ofSeconds(15)).until(() -> events(second, "review-later").size() == 2);
        Object closed = events(second, "review-later").get(1).getPayload();
        assertThat(closed).isEqualTo(new ReviewClosed("review-later", "مراجعة المطابقة / revue de conformité"));
        assertThat(events(second, "review-now")).hasSize(2);
    }

    private Configuration axon(MongoDatabase database) {
        // No module auto-location: the Axon Server connector on the test classpath would take over the buses.
        return DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> MongoEventStorageEngine.builder()
                        .database(database)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .build())
                .configureAggregate(Review.class)
                .registerComponent(DeadlineManager.class, c -> MongoDeadlineManager.builder()
                        .database(database)
                        .serializer(c.serializer())
                        .scopeAwareProvider(new ConfigurationScopeAwareProvider(c))
                        .pollInterval(Duration.ofMillis(50))
                        .build())
                .buildConfiguration();
    }

    private static List<? extends DomainEventMessage<?>> events(Configuration configuration, String reviewId) {
        return configuration.eventStore().readEvents(reviewId).asStream().toList();
    }
}
