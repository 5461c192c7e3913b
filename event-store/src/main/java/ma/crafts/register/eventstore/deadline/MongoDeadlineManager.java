package ma.crafts.register.eventstore.deadline;

import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.BUCKETS;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.DEADLINES;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.FLOOR;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.PAGES;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.SCOPES;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.annotation.Nonnull;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.AbstractDeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.DefaultDeadlineManagerSpanFactory;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.lifecycle.Lifecycle;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.tracing.NoOpSpanFactory;

/**
 * An Axon {@link org.axonframework.deadline.DeadlineManager} whose deadlines live in MongoDB, so they survive restarts
 * and are fired once across all nodes. See the DEADLINES section of {@code event-store/GUARANTEES.md}. In short:
 * <ul>
 *   <li>{@code deadlines}: one document per deadline, {@code _id} = schedule id, with the deadline message (payload and
 *   metadata as BSON documents), the serialized scope descriptor and the due time as a BSON date (the layout is
 *   {@link DeadlineDocuments});</li>
 *   <li>{@code deadline_buckets}, {@code deadline_bucket_pages} and {@code deadline_floor}: the due-time index by
 *   minute, in pages of bounded size (see {@link DeadlineBuckets}), so the poller reads only the buckets from the
 *   floor to the current minute, by {@code _id};</li>
 *   <li>{@code deadline_scopes}: {@code _id} = deadline name + scope → schedule ids, for
 *   {@link #cancelAllWithinScope};</li>
 *   <li>a node takes a due deadline with {@code findOneAndUpdate($max availableAt: now + lease)} returning the
 *   document before: only the node whose update found {@code availableAt} in the past has taken it, every other node
 *   sees the lease just set. A node that dies while holding a deadline lets the lease expire and another node takes
 *   it again. Node clocks must agree to well within the lease ({@link DeadlineStore#claim});</li>
 *   <li>a failed delivery is retried with exponential backoff and logged; after {@code maxAttempts} the deadline is
 *   parked ({@code status = FAILED}) for an operator. A deadline that no component in this process resolves has
 *   not been delivered and counts as a failure ({@link DeadlineDelivery});</li>
 *   <li>schedules and cancels asked for inside a unit of work are written once its events are stored
 *   ({@link DeadlineScheduling}).</li>
 * </ul>
 * Every read and write of {@code deadlines}, {@code deadline_buckets} and {@code deadline_scopes} filters on
 * {@code _id} alone, because mongo-java-server serves any other filter (even {@code _id} plus one more condition) by
 * scanning the whole collection. The exceptions are {@link #cancelAll}, a rare administrative call that scans
 * {@code deadlines} for the name, and the {@link DeadlinePoller#sweepOnce sweep} for deadlines lost from every bucket,
 * once per sweep interval (10 minutes by default); both scans are in {@link DeadlineStore}.
 *
 * <p>This class adapts those parts to Axon; one thread per node ({@link DeadlinePoller}) fires the deadlines.
 */
public class MongoDeadlineManager extends AbstractDeadlineManager implements Lifecycle {
    private final DeadlineScheduling scheduling;
    private final DeadlinePoller poller;

    protected MongoDeadlineManager(Builder builder) {
        builder.validate();
        if (!builder.serializer.canSerializeTo(JsonNode.class)) {
            throw new AxonConfigurationException("MongoDeadlineManager stores BSON documents and needs a serializer that"
                    + " produces Jackson trees (JacksonSerializer)");
        }
        MongoDatabase database = builder.database;
        DeadlineBuckets buckets = new DeadlineBuckets(database.getCollection(BUCKETS), database.getCollection(PAGES),
                database.getCollection(FLOOR));
        DeadlineStore store = new DeadlineStore(database.getCollection(DEADLINES), database.getCollection(SCOPES),
                buckets, builder.owner, builder.lease);
        this.scheduling = new DeadlineScheduling(store, buckets, builder.serializer, builder.spanFactory, builder.clock,
                this::processDispatchInterceptors);
        DeadlineDelivery delivery = new DeadlineDelivery(store, builder.serializer, builder.scopeAwareProvider,
                builder.transactionManager, builder.spanFactory, this::handlerInterceptors, builder.clock,
                builder.retryBackoff, builder.maxRetryBackoff, builder.maxAttempts);
        this.poller = new DeadlinePoller(store, buckets, delivery, builder.clock, builder.pollInterval,
                builder.sweepInterval, builder.batchSize, builder.maxBucketsPerPoll, builder.holdsDeadlineHandlers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * How long the deadlines due longest ago have waited on this node's poller: zero while it keeps up and where it
     * does not poll; exported as {@code register_deadlines_backlog_seconds}.
     */
    public Duration backlogAge() {
        return poller.backlogAge();
    }

    @Override
    public String schedule(@Nonnull Instant triggerDateTime, @Nonnull String deadlineName, Object messageOrPayload,
                           @Nonnull ScopeDescriptor deadlineScope) {
        DeadlineMessage<?> message = GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload,
                triggerDateTime);
        scheduling.schedule(message, triggerDateTime, deadlineScope);
        return message.getIdentifier();
    }

    @Override
    public void cancelSchedule(@Nonnull String deadlineName, @Nonnull String scheduleId) {
        scheduling.cancelSchedule(deadlineName, scheduleId);
    }

    @Override
    public void cancelAll(@Nonnull String deadlineName) {
        scheduling.cancelAll(deadlineName);
    }

    @Override
    public void cancelAllWithinScope(@Nonnull String deadlineName, @Nonnull ScopeDescriptor scope) {
        scheduling.cancelAllWithinScope(deadlineName, scope);
    }

    @Override
    public void registerLifecycleHandlers(@Nonnull LifecycleRegistry lifecycle) {
        lifecycle.onStart(Phase.INBOUND_EVENT_CONNECTORS, this::start);
        lifecycle.onShutdown(Phase.INBOUND_EVENT_CONNECTORS, this::shutdown);
    }

    /**
     * Starts the poller thread, unless this process holds nothing a deadline could be for; calling it again has no
     * effect.
     */
    public void start() {
        poller.start();
    }

    /**
     * Stops polling and waits briefly for a deadline being delivered; deadlines not yet fired stay stored for the
     * next start, here or on another node.
     */
    @Override
    public void shutdown() {
        poller.shutdown();
    }

    /**
     * Builds a {@link MongoDeadlineManager}. {@code database}, {@code serializer} (a Jackson serializer) and
     * {@code scopeAwareProvider} are required; the rest have defaults: poll every second, sweep every 10 minutes, a 5 minute lease, retries
     * after 1 s doubling up to 30 min, 20 attempts, 100 deadlines per batch.
     */
    public static class Builder {
        private MongoDatabase database;
        private Serializer serializer;
        private ScopeAwareProvider scopeAwareProvider;
        private TransactionManager transactionManager = NoTransactionManager.INSTANCE;
        private DeadlineManagerSpanFactory spanFactory = DefaultDeadlineManagerSpanFactory.builder()
                .spanFactory(NoOpSpanFactory.INSTANCE).build();
        private Clock clock = Clock.systemUTC();
        private String owner = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID();
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration sweepInterval = Duration.ofMinutes(10);
        private Duration lease = Duration.ofMinutes(5);
        private Duration retryBackoff = Duration.ofSeconds(1);
        private Duration maxRetryBackoff = Duration.ofMinutes(30);
        private int maxAttempts = 20;
        private int batchSize = 100;
        private int maxBucketsPerPoll = 1_440;
        private BooleanSupplier holdsDeadlineHandlers = () -> true;

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder serializer(Serializer serializer) {
            this.serializer = serializer;
            return this;
        }

        public Builder scopeAwareProvider(ScopeAwareProvider scopeAwareProvider) {
            this.scopeAwareProvider = scopeAwareProvider;
            return this;
        }

        public Builder transactionManager(TransactionManager transactionManager) {
            this.transactionManager = transactionManager;
            return this;
        }

        public Builder spanFactory(DeadlineManagerSpanFactory spanFactory) {
            this.spanFactory = spanFactory;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Identifies this node in claims; unique per instance by default. */
        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        /**
         * How often the store is swept for deadlines that no bucket leads to, and how long a deadline must be overdue
         * to count as lost.
         */
        public Builder sweepInterval(Duration sweepInterval) {
            this.sweepInterval = sweepInterval;
            return this;
        }

        /**
         * How long a node holds a deadline it took before others may take it again. Must exceed the longest
         * delivery: a delivery still running when the lease ends may be repeated by another node.
         */
        public Builder lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        public Builder retryBackoff(Duration first, Duration max) {
            this.retryBackoff = first;
            this.maxRetryBackoff = max;
            return this;
        }

        /** Deliveries tried before a deadline is parked as {@code FAILED}. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** How many minute buckets one poll reads at most (after a long outage the floor catches up in steps). */
        public Builder maxBucketsPerPoll(int maxBucketsPerPoll) {
            this.maxBucketsPerPoll = maxBucketsPerPoll;
            return this;
        }

        /**
         * Whether this process holds an aggregate or saga a deadline could be for, asked when polling would start. A
         * process without one (the query side, sharing the store with the command side) must not take deadlines
         * that nothing in it can receive.
         */
        public Builder holdsDeadlineHandlers(BooleanSupplier holdsDeadlineHandlers) {
            this.holdsDeadlineHandlers = holdsDeadlineHandlers;
            return this;
        }

        public MongoDeadlineManager build() {
            return new MongoDeadlineManager(this);
        }

        protected void validate() {
            require(database != null, "a MongoDatabase is required");
            require(serializer != null, "a Serializer is required");
            require(scopeAwareProvider != null, "a ScopeAwareProvider is required");
            require(transactionManager != null && spanFactory != null && clock != null && owner != null
                    && holdsDeadlineHandlers != null,
                    "transactionManager, spanFactory, clock, owner and holdsDeadlineHandlers may not be null");
            require(isPositive(pollInterval) && isPositive(sweepInterval) && isPositive(lease) && isPositive(retryBackoff)
                    && maxRetryBackoff != null && maxRetryBackoff.compareTo(retryBackoff) >= 0,
                    "pollInterval, sweepInterval, lease and retryBackoff must be positive, and maxRetryBackoff at least retryBackoff");
            require(maxAttempts >= 1 && batchSize >= 1 && maxBucketsPerPoll >= 1,
                    "maxAttempts, batchSize and maxBucketsPerPoll must be at least 1");
        }

        private static boolean isPositive(Duration duration) {
            return duration != null && !duration.isNegative() && !duration.isZero();
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new AxonConfigurationException(message);
            }
        }
    }
}
