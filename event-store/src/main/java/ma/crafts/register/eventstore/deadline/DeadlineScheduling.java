package ma.crafts.register.eventstore.deadline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.tracing.Span;

/**
 * Schedules and cancels deadlines, each in its trace span, and inside a unit of work only once its events are stored.
 */
final class DeadlineScheduling {
    private final DeadlineStore store;
    private final DeadlineBuckets buckets;
    private final Serializer serializer;
    private final DeadlineManagerSpanFactory spanFactory;
    private final Clock clock;
    /** The manager's dispatch interceptors, applied when the schedule is written. */
    private final UnaryOperator<DeadlineMessage<?>> dispatchInterceptors;
    /** Where a unit of work keeps this manager's writes until its events are stored. */
    private final String queuedWritesKey = DeadlineScheduling.class.getName() + ".writes." + UUID.randomUUID();

    DeadlineScheduling(DeadlineStore store, DeadlineBuckets buckets, Serializer serializer,
                       DeadlineManagerSpanFactory spanFactory, Clock clock,
                       UnaryOperator<DeadlineMessage<?>> dispatchInterceptors) {
        this.store = store;
        this.buckets = buckets;
        this.serializer = serializer;
        this.spanFactory = spanFactory;
        this.clock = clock;
        this.dispatchInterceptors = dispatchInterceptors;
    }

    void schedule(DeadlineMessage<?> message, Instant dueAt, ScopeDescriptor scope) {
        String scheduleId = message.getIdentifier();
        Span span = spanFactory.createScheduleSpan(message.getDeadlineName(), scheduleId, message);
        runAfterTheEventsOrNow(span.wrapRunnable(() -> store(scheduleId, dueAt,
                dispatchInterceptors.apply(message), scope)));
    }

    private void store(String scheduleId, Instant dueAt, DeadlineMessage<?> message, ScopeDescriptor scope) {
        SerializedObject<JsonNode> serializedScope = serializer.serialize(scope, JsonNode.class);
        String scopeKey = DeadlineDocuments.scopeKey(message.getDeadlineName(), serializedScope);
        store.insert(DeadlineDocuments.newDeadline(scheduleId, dueAt, message, serializedScope, scopeKey, serializer,
                () -> buckets.reserve(buckets.bucketFor(DeadlineBuckets.minuteOf(dueAt),
                        DeadlineBuckets.minuteOf(clock.instant()))), clock));
    }

    void cancelSchedule(String deadlineName, String scheduleId) {
        Span span = spanFactory.createCancelScheduleSpan(deadlineName, scheduleId);
        runAfterTheEventsOrNow(span.wrapRunnable(() -> {
            if (store.nameOf(scheduleId).filter(deadlineName::equals).isPresent()) {
                store.delete(scheduleId);
            }
        }));
    }

    void cancelAll(String deadlineName) {
        Span span = spanFactory.createCancelAllSpan(deadlineName);
        runAfterTheEventsOrNow(span.wrapRunnable(() -> store.deleteNamed(deadlineName)));
    }

    void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        Span span = spanFactory.createCancelAllWithinScopeSpan(deadlineName, scope);
        runAfterTheEventsOrNow(span.wrapRunnable(() -> store.deleteWithinScope(
                DeadlineDocuments.scopeKey(deadlineName, serializer.serialize(scope, JsonNode.class)))));
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
}
