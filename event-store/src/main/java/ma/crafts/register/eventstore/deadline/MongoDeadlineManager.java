package ma.crafts.register.eventstore.deadline;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javax.annotation.Nonnull;
import ma.crafts.register.eventstore.BsonJson;
import ma.crafts.register.eventstore.ScansAccepted;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.AbstractDeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.DefaultDeadlineManagerSpanFactory;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.lifecycle.Lifecycle;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ExecutionException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.Span;
import org.axonframework.tracing.SpanScope;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Axon {@link org.axonframework.deadline.DeadlineManager} whose deadlines live in MongoDB, so they survive restarts
 * and are fired once across all nodes. See the DEADLINES section of {@code event-store/GUARANTEES.md}. In short:
 * <ul>
 *   <li>{@code deadlines}: one document per deadline, {@code _id} = schedule id, with the deadline message (payload and
 *   metadata as BSON documents), the serialized scope descriptor and the due time as a BSON date;</li>
 *   <li>{@code deadline_buckets}, {@code deadline_bucket_pages} and {@code deadline_floor}: the due-time index by
 *   minute, in pages of bounded size (see {@link DeadlineBuckets}), so the poller reads only the buckets from the
 *   floor to the current minute, by {@code _id};</li>
 *   <li>{@code deadline_scopes}: {@code _id} = deadline name + scope → schedule ids, for
 *   {@link #cancelAllWithinScope};</li>
 *   <li>a node takes a due deadline with {@code findOneAndUpdate($max availableAt: now + lease)} returning the
 *   document before: only the node whose update found {@code availableAt} in the past has taken it, every other node
 *   sees the lease just set. A node that dies while holding a deadline lets the lease expire and another node takes
 *   it again. Node clocks must agree to well within the lease;</li>
 *   <li>a failed delivery is retried with exponential backoff and logged; after {@code maxAttempts} the deadline is
 *   parked ({@code status = FAILED}) for an operator. A deadline that no component in this process resolves has
 *   not been delivered and counts as a failure;</li>
 *   <li>schedules and cancels asked for inside a unit of work are written once its events are stored.</li>
 * </ul>
 * Every read and write of {@code deadlines}, {@code deadline_buckets} and {@code deadline_scopes} filters on
 * {@code _id} alone, because mongo-java-server serves any other filter (even {@code _id} plus one more condition) by
 * scanning the whole collection. The exceptions are {@link #cancelAll}, a rare administrative call that scans
 * {@code deadlines} for the name, and the {@link #sweepOnce sweep} for deadlines lost from every bucket, once per
 * sweep interval (10 minutes by default).
 */
public class MongoDeadlineManager extends AbstractDeadlineManager implements Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(MongoDeadlineManager.class);
    static final String DEADLINES = "deadlines";
    static final String BUCKETS = "deadline_buckets";
    static final String PAGES = "deadline_bucket_pages";
    static final String FLOOR = "deadline_floor";
    static final String SCOPES = "deadline_scopes";
    /** Where a parked deadline's {@code availableAt} goes, so that no claim can succeed on it. */
    private static final Date NEVER = Date.from(Instant.parse("9999-12-31T00:00:00Z"));
    static final String FAILED = "FAILED";
    private static final int MAX_ERROR_LENGTH = 2_000;

    private final MongoCollection<Document> deadlines;
    private final MongoCollection<Document> scopes;
    private final DeadlineBuckets buckets;
    private final Serializer serializer;
    private final ScopeAwareProvider scopeAwareProvider;
    private final TransactionManager transactionManager;
    private final DeadlineManagerSpanFactory spanFactory;
    private final Clock clock;
    private final String owner;
    private final Duration pollInterval;
    private final Duration sweepInterval;
    private final Duration lease;
    private final Duration retryBackoff;
    private final Duration maxRetryBackoff;
    private final int maxAttempts;
    private final int batchSize;
    private final int maxBucketsPerPoll;
    private final BooleanSupplier holdsDeadlineHandlers;
    /** Where a unit of work keeps this manager's writes until its events are stored. */
    private final String queuedWritesKey = MongoDeadlineManager.class.getName() + ".writes." + UUID.randomUUID();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile ScheduledExecutorService poller;

    protected MongoDeadlineManager(Builder builder) {
        builder.validate();
        MongoDatabase database = builder.database;
        this.deadlines = database.getCollection(DEADLINES);
        this.scopes = database.getCollection(SCOPES);
        this.buckets = new DeadlineBuckets(database.getCollection(BUCKETS), database.getCollection(PAGES),
                database.getCollection(FLOOR));
        this.serializer = builder.serializer;
        this.scopeAwareProvider = builder.scopeAwareProvider;
        this.transactionManager = builder.transactionManager;
        this.spanFactory = builder.spanFactory;
        this.clock = builder.clock;
        this.owner = builder.owner;
        this.pollInterval = builder.pollInterval;
        this.sweepInterval = builder.sweepInterval;
        this.lease = builder.lease;
        this.retryBackoff = builder.retryBackoff;
        this.maxRetryBackoff = builder.maxRetryBackoff;
        this.maxAttempts = builder.maxAttempts;
        this.batchSize = builder.batchSize;
        this.maxBucketsPerPoll = builder.maxBucketsPerPoll;
        this.holdsDeadlineHandlers = builder.holdsDeadlineHandlers;
        if (!serializer.canSerializeTo(JsonNode.class)) {
            throw new AxonConfigurationException("MongoDeadlineManager stores BSON documents and needs a serializer that"
                    + " produces Jackson trees (JacksonSerializer)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ scheduling and cancelling

    @Override
    public String schedule(@Nonnull Instant triggerDateTime, @Nonnull String deadlineName, Object messageOrPayload,
                           @Nonnull ScopeDescriptor deadlineScope) {
        DeadlineMessage<?> message = GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload,
                triggerDateTime);
        String scheduleId = message.getIdentifier();
        Span span = spanFactory.createScheduleSpan(deadlineName, scheduleId, message);
        runAfterTheEventsOrNow(span.wrapRunnable(() -> store(scheduleId, triggerDateTime,
                processDispatchInterceptors(message), deadlineScope)));
        return scheduleId;
    }

    /**
     * Runs a schedule or cancel once the unit of work's events are stored (Axon appends them when the unit of work
     * prepares its commit), in the order the handler asked for them. A handler that cancels before it applies its
     * event would otherwise lose the deadline when the append then fails (another node changed the aggregate first),
     * with nothing in the stream to say why. One commit handler runs them all: Axon runs commit handlers in reverse,
     * and a cancel followed by a schedule in the same scope must not become a schedule then its cancel.
     */
    private void runAfterTheEventsOrNow(Runnable write) {
        if (!CurrentUnitOfWork.isStarted()) {
            write.run();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.getOrComputeResource(queuedWritesKey, key -> {
            List<Runnable> writes = new ArrayList<>();
            unitOfWork.onCommit(committing -> writes.forEach(Runnable::run));
            return writes;
        }).add(write);
    }

    private void store(String scheduleId, Instant dueAt, DeadlineMessage<?> message, ScopeDescriptor scope) {
        SerializedObject<JsonNode> serializedScope = serializer.serialize(scope, JsonNode.class);
        String scopeKey = scopeKey(message.getDeadlineName(), serializedScope);
        SerializedObject<JsonNode> metaData = serializer.serialize(message.getMetaData(), JsonNode.class);
        Object payload = message.getPayload();
        SerializedObject<JsonNode> serializedPayload = payload == null ? null : serializer.serialize(payload, JsonNode.class);
        DeadlineBuckets.Slot slot = buckets.reserve(
                buckets.bucketFor(DeadlineBuckets.minuteOf(dueAt), DeadlineBuckets.minuteOf(clock.instant())));
        Document document = new Document("_id", scheduleId)
                .append("name", message.getDeadlineName())
                .append("dueAt", Date.from(dueAt))
                .append("availableAt", Date.from(dueAt))
                .append("bucket", slot.minute())
                .append("page", slot.page())
                .append("scopeKey", scopeKey)
                .append("scopeType", serializedScope.getType().getName())
                .append("scopeRevision", serializedScope.getType().getRevision())
                .append("scope", BsonJson.toBson(serializedScope.getData()))
                .append("messageTimestamp", Date.from(message.getTimestamp()))
                .append("payloadType", serializedPayload == null ? null : serializedPayload.getType().getName())
                .append("payloadRevision", serializedPayload == null ? null : serializedPayload.getType().getRevision())
                .append("payload", serializedPayload == null ? null : BsonJson.toBson(serializedPayload.getData()))
                .append("metaData", BsonJson.toBson(metaData.getData()))
                .append("scheduledAt", Date.from(clock.instant()))
                .append("attempts", 0)
                .append("owner", null);
        // Order matters: the scope index first (a stale entry there is harmless), then the deadline, then its bucket,
        // so that a deadline the poller can see always has its document.
        DeadlineBuckets.upsert(scopes, eq("_id", scopeKey), Updates.addToSet("ids", scheduleId));
        deadlines.insertOne(document);
        buckets.add(slot, scheduleId);
    }

    @Override
    public void cancelSchedule(@Nonnull String deadlineName, @Nonnull String scheduleId) {
        Span span = spanFactory.createCancelScheduleSpan(deadlineName, scheduleId);
        runAfterTheEventsOrNow(span.wrapRunnable(() -> {
            Document deadline = deadlines.find(eq("_id", scheduleId)).projection(Projections.include("name")).first();
            if (deadline != null && deadlineName.equals(deadline.getString("name"))) {
                delete(scheduleId);
            }
        }));
    }

    @ScansAccepted(adr = "0001", why = "a rare administrative call; every other filter on deadlines is a bare _id "
            + "(GUARANTEES.md, Deadlines)")
    @Override
    public void cancelAll(@Nonnull String deadlineName) {
        Span span = spanFactory.createCancelAllSpan(deadlineName);
        runAfterTheEventsOrNow(span.wrapRunnable(() -> {
            List<String> named = new ArrayList<>();
            deadlines.find(eq("name", deadlineName)).projection(Projections.include("_id"))
                    .forEach(deadline -> named.add(deadline.getString("_id")));
            named.forEach(this::delete);
        }));
    }

    @Override
    public void cancelAllWithinScope(@Nonnull String deadlineName, @Nonnull ScopeDescriptor scope) {
        Span span = spanFactory.createCancelAllWithinScopeSpan(deadlineName, scope);
        runAfterTheEventsOrNow(span.wrapRunnable(() -> {
            String scopeKey = scopeKey(deadlineName, serializer.serialize(scope, JsonNode.class));
            Document index = scopes.find(eq("_id", scopeKey)).first();
            if (index == null) {
                return;
            }
            List<String> ids = index.getList("ids", String.class, List.of());
            Map<String, Document> found = new HashMap<>();
            deadlines.find(in("_id", ids)).projection(Projections.include("scopeKey"))
                    .forEach(deadline -> found.put(deadline.getString("_id"), deadline));
            for (String scheduleId : ids) {
                Document deadline = found.get(scheduleId);
                if (deadline != null && scopeKey.equals(deadline.getString("scopeKey"))) {
                    delete(scheduleId);
                } else {
                    scopes.updateOne(eq("_id", scopeKey), Updates.pull("ids", scheduleId));
                }
            }
        }));
    }

    /**
     * Deletes a deadline, then its bucket and scope entries. An emptied scope entry is kept: deleting it only while
     * empty would need a conditional delete, i.e. a collection scan on mongo-java-server, and it costs one small
     * document per deadline name and scope, like a snapshot per aggregate.
     */
    private void delete(String scheduleId) {
        Document deadline = deadlines.findOneAndDelete(eq("_id", scheduleId));
        if (deadline != null) {
            buckets.remove(slotOf(deadline), scheduleId);
            scopes.updateOne(eq("_id", deadline.getString("scopeKey")), Updates.pull("ids", scheduleId));
        }
    }

    /**
     * Deadline name plus the scope in its serialized form: the same scope always serializes to the same tree, and
     * descriptors (e.g. an aggregate's type and id) compare equal exactly when their trees do.
     */
    private static String scopeKey(String deadlineName, SerializedObject<JsonNode> serialized) {
        return deadlineName + "|" + serialized.getType().getName() + "|" + serialized.getData().toString();
    }

    // ------------------------------------------------------------------ polling and firing

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
        if (stopped.get() || !started.compareAndSet(false, true)) {
            return;
        }
        if (!holdsDeadlineHandlers.getAsBoolean()) {
            log.info("No aggregate or saga in this process: it leaves the deadlines to the processes that hold them");
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                new AxonThreadFactory("MongoDeadlineManager"));
        poller = executor;
        executor.scheduleWithFixedDelay(this::pollSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::sweepSafely, sweepInterval.toMillis(), sweepInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Stops polling and waits briefly for a deadline being delivered; deadlines not yet fired stay stored for the
     * next start, here or on another node.
     */
    @Override
    public void shutdown() {
        stopped.set(true);
        ScheduledExecutorService executor = poller;
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void pollSafely() {
        // A full batch means more may be due right now: go on without waiting for the next tick.
        runSafely("Polling", pollInterval, () -> {
            while (!stopped.get() && pollOnce() >= batchSize) {
                Thread.onSpinWait();
            }
        });
    }

    private void sweepSafely() {
        runSafely("Sweeping", sweepInterval, () -> {
            while (!stopped.get() && sweepOnce() >= batchSize) {
                Thread.onSpinWait();
            }
        });
    }

    private static void runSafely(String what, Duration interval, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("{} the deadline store failed; retrying in {}", what, interval, e);
        } catch (Error e) {
            // A throwable escaping this task would cancel the schedule silently and stop every deadline here.
            log.error("{} the deadline store failed; retrying in {}", what, interval, e);
            if (e instanceof VirtualMachineError) {
                throw e;
            }
        }
    }

    /**
     * One pass: read the floor and the buckets up to now, advance the floor over empty ones, then take and fire the
     * deadlines that are available.
     *
     * @return how many bucket entries were acted on (taken or cleaned up), so the caller knows whether to go on at
     * once; entries not yet available do not count, so waiting for them never spins
     */
    int pollOnce() {
        Instant now = clock.instant();
        long currentMinute = DeadlineBuckets.minuteOf(now);
        DeadlineBuckets.Floor floor = buckets.floor();
        if (floor == null || floor.minute() > currentMinute) {
            return 0;
        }
        long to = Math.min(currentMinute, floor.minute() + maxBucketsPerPoll - 1);
        NavigableMap<Long, List<DeadlineBuckets.Entry>> due = buckets.read(floor.minute(), to, batchSize);
        buckets.advance(floor, due.isEmpty() ? to + 1 : due.firstKey());

        Map<String, DeadlineBuckets.Slot> slotOf = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (List<DeadlineBuckets.Entry> bucket : due.values()) {
            for (DeadlineBuckets.Entry entry : bucket) {
                if (ids.size() >= batchSize) {
                    break;
                }
                ids.add(entry.deadlineId());
                slotOf.put(entry.deadlineId(), entry.slot());
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        Map<String, Document> documents = new HashMap<>();
        deadlines.find(in("_id", ids)).projection(Projections.include("_id", "bucket", "page", "availableAt", "status"))
                .forEach(document -> documents.put(document.getString("_id"), document));
        int actedOn = 0;
        for (String id : ids) {
            if (stopped.get()) {
                break;
            }
            DeadlineBuckets.Slot slot = slotOf.get(id);
            Document document = documents.get(id);
            if (document == null || !slotOf(document).equals(slot) || FAILED.equals(document.getString("status"))) {
                // Fired, cancelled, parked or moved to a retry bucket by now: the entry here is stale.
                buckets.remove(slot, id);
                actedOn++;
            } else if (!document.getDate("availableAt").toInstant().isAfter(now)) {
                claim(id, now).ifPresent(this::fire);
                actedOn++;
            }
        }
        return actedOn;
    }

    /**
     * Fires deadlines overdue by more than a sweep interval, whether or not a bucket still leads to them: a node that
     * died between writing a deadline and filing it, or between moving it to a retry bucket and filing it there,
     * left it in no bucket, and the poller would never see it. The claim keeps this from firing a deadline twice when
     * the poller reaches it too. This is the one scan of {@code deadlines} besides {@link #cancelAll}: once per sweep
     * interval, reading only the ids of what is overdue.
     *
     * @return how many overdue deadlines were found
     */
    int sweepOnce() {
        Instant now = clock.instant();
        List<String> overdue = new ArrayList<>();
        deadlines.find(lte("availableAt", Date.from(now.minus(sweepInterval)))).projection(Projections.include("_id"))
                .limit(batchSize).forEach(deadline -> overdue.add(deadline.getString("_id")));
        for (String id : overdue) {
            if (stopped.get()) {
                break;
            }
            claim(id, now).ifPresent(this::fire);
        }
        return overdue.size();
    }

    /**
     * Takes the deadline if it is available: {@code $max} pushes {@code availableAt} one lease ahead, and only the
     * node whose update found it in the past has taken it. Concurrent nodes see the lease already set.
     */
    private Optional<Document> claim(String id, Instant now) {
        Document before = deadlines.findOneAndUpdate(eq("_id", id),
                Updates.max("availableAt", Date.from(now.plus(lease))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (before == null || before.getDate("availableAt").toInstant().isAfter(now)
                || FAILED.equals(before.getString("status"))) {
            return Optional.empty();
        }
        deadlines.updateOne(eq("_id", id), Updates.combine(Updates.set("owner", owner),
                Updates.set("claimedAt", Date.from(now)), Updates.inc("attempts", 1)));
        return Optional.of(before);
    }

    private void fire(Document deadline) {
        String id = deadline.getString("_id");
        String name = deadline.getString("name");
        int attempt = deadline.getInteger("attempts", 0) + 1;
        DeadlineMessage<?> message;
        ScopeDescriptor scope;
        try {
            message = deadlineMessage(deadline);
            scope = serializer.deserialize(new SimpleSerializedObject<>(BsonJson.toJson(deadline.get("scope")),
                    JsonNode.class, deadline.getString("scopeType"), deadline.getString("scopeRevision")));
        } catch (RuntimeException e) {
            failed(deadline, attempt, e);
            return;
        }
        Span span = spanFactory.createExecuteSpan(name, id, message).start();
        Throwable failure = null;
        try (SpanScope unused = span.makeCurrent()) {
            UnitOfWork<DeadlineMessage<?>> unitOfWork = new DefaultUnitOfWork<>(message);
            unitOfWork.attachTransaction(transactionManager);
            unitOfWork.onRollback(uow -> span.recordException(uow.getExecutionResult().getExceptionResult()));
            InterceptorChain chain = new DefaultInterceptorChain<>(unitOfWork, handlerInterceptors(),
                    intercepted -> {
                        deliver(intercepted, scope);
                        return null;
                    });
            ResultMessage<?> result = unitOfWork.executeWithResult(chain::proceed);
            if (result.isExceptional()) {
                failure = result.exceptionResult();
            }
        } catch (RuntimeException e) {
            span.recordException(e);
            failure = e;
        } finally {
            span.end();
        }
        if (failure == null) {
            delete(id);
        } else {
            failed(deadline, attempt, failure);
        }
    }

    /**
     * Hands the deadline to every scope-aware component that resolves its scope (the aggregate or saga). When none
     * does, nothing received it: that is a failed delivery, retried and in the end parked, never a deleted deadline.
     */
    private void deliver(DeadlineMessage<?> message, ScopeDescriptor scope) {
        List<ScopeAware> resolvers = scopeAwareProvider.provideScopeAwareStream(scope)
                .filter(component -> component.canResolve(scope))
                .toList();
        if (resolvers.isEmpty()) {
            throw new IllegalStateException("No aggregate or saga in this process resolves scope ["
                    + scope.scopeDescription() + "]");
        }
        for (ScopeAware component : resolvers) {
            try {
                component.send(message, scope);
            } catch (Exception e) {
                throw new ExecutionException("Failed to send a DeadlineMessage for scope ["
                        + scope.scopeDescription() + "]", e);
            }
        }
    }

    private void failed(Document deadline, int attempt, Throwable failure) {
        String id = deadline.getString("_id");
        String name = deadline.getString("name");
        DeadlineBuckets.Slot slot = slotOf(deadline);
        String error = describe(failure);
        if (error.length() > MAX_ERROR_LENGTH) {
            error = error.substring(0, MAX_ERROR_LENGTH);
        }
        if (attempt >= maxAttempts) {
            log.error("Deadline [{}] with id [{}] failed {} times and is parked (status FAILED in collection {})",
                    name, id, attempt, DEADLINES, failure);
            if (deadlines.updateOne(eq("_id", id), Updates.combine(Updates.set("status", FAILED),
                    Updates.set("availableAt", NEVER), Updates.set("owner", null),
                    Updates.set("lastError", error))).getMatchedCount() == 1) {
                buckets.remove(slot, id);
            }
            return;
        }
        Duration backoff = backoff(attempt);
        Instant next = clock.instant().plus(backoff);
        long nextBucket = buckets.bucketFor(DeadlineBuckets.minuteOf(next), DeadlineBuckets.minuteOf(next));
        DeadlineBuckets.Slot nextSlot = nextBucket == slot.minute() ? slot : buckets.reserve(nextBucket);
        log.warn("Deadline [{}] with id [{}] failed (attempt {} of {}); retrying in {}", name, id, attempt, maxAttempts,
                backoff, failure);
        // Matched count 0: cancelled meanwhile, nothing left to retry.
        boolean rescheduled = deadlines.updateOne(eq("_id", id), Updates.combine(
                Updates.set("owner", null), Updates.set("availableAt", Date.from(next)),
                Updates.set("bucket", nextSlot.minute()), Updates.set("page", nextSlot.page()),
                Updates.set("lastError", error))).getMatchedCount() == 1;
        if (rescheduled && !nextSlot.equals(slot)) {
            // Into the new bucket before out of the old one, so the deadline is always reachable from some bucket.
            buckets.add(nextSlot, id);
            buckets.remove(slot, id);
        }
    }

    private static DeadlineBuckets.Slot slotOf(Document deadline) {
        return new DeadlineBuckets.Slot(((Number) deadline.get("bucket")).longValue(),
                deadline.get("page") instanceof Number page ? page.longValue() : 0);
    }

    /** The failure and its causes in one line: wrappers such as Axon's ExecutionException hide the real reason. */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(Objects.toString(failure, "unknown error"));
        Throwable cause = failure == null ? null : failure.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

        private Duration backoff(int attempt) {
        Duration delay = retryBackoff;
        for (int i = 1; i < attempt && delay.compareTo(maxRetryBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : delay;
    }

    private DeadlineMessage<?> deadlineMessage(Document deadline) {
        String payloadType = deadline.getString("payloadType");
        Object payload = payloadType == null ? null : serializer.deserialize(new SimpleSerializedObject<>(
                BsonJson.toJson(deadline.get("payload")), JsonNode.class, payloadType, deadline.getString("payloadRevision")));
        Map<String, ?> metaData = serializer.deserialize(new SimpleSerializedObject<>(
                BsonJson.toJson(deadline.get("metaData")), JsonNode.class, MetaData.class.getName(), null));
        return new GenericDeadlineMessage<>(deadline.getString("name"), deadline.getString("_id"), payload, metaData,
                deadline.getDate("messageTimestamp").toInstant());
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
