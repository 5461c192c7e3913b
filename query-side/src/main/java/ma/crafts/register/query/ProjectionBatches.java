package ma.crafts.register.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a projection collect what one tracking batch changes and write it at the end of the batch in a few bulk writes.
 * On mongo-java-server every round trip and every document rewrite costs tens of microseconds or more, so writing per
 * event caps a rebuild at a few hundred events per second; per batch, reads are one {@code $in} and writes one bulk
 * per collection.
 *
 * <p>The batch lives in the processor's unit of work and is written by {@link #flushing}, a handler interceptor on the
 * processor, right after the batch's last event was handled: still inside the unit of work, so before it commits and
 * stores the token. A failed write rolls the unit of work back and the processor retries the batch from the stored
 * token, which is why every batch write must be idempotent. A batch is never written if the unit of work rolls back.
 * Outside a unit of work (a projection called directly) every event is its own batch, written at once.
 */
public final class ProjectionBatches {

    /** Writer identity of batches written outside a tracking processor: one caller, events in order. */
    public static final String DIRECT = "direct";

    private static final Logger log = LoggerFactory.getLogger(ProjectionBatches.class);
    private static final String BATCHES = ProjectionBatches.class.getName() + ".batches";
    private static final String WRITER = ProjectionBatches.class.getName() + ".writer";
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private ProjectionBatches() {
    }

    /** The changes one projection collected in one unit of work. */
    public interface Batch {
        /** Writes everything collected; called once, at the end of the unit of work's batch of events. */
        void flush();
    }

    /**
     * What a batch knows of its unit of work when it is created.
     *
     * @param messages the events of the whole tracking batch, for reading ahead what they will need
     * @param writer   who writes the batch: the processor segment (id and mask), whose events come in store order and
     *                 are never handled by another segment at the same time; {@link #DIRECT} outside a processor
     */
    public record Scope(List<? extends EventMessage<?>> messages, String writer) {
    }

    /**
     * Runs {@code action} on {@code owner}'s batch of the current unit of work, created with {@code factory} on first
     * use; without a unit of work, on a batch of this one message, written at once.
     */
    public static <B extends Batch> void apply(Object owner, EventMessage<?> message, Function<Scope, B> factory,
                                               Consumer<B> action) {
        if (!CurrentUnitOfWork.isStarted()) {
            B single = factory.apply(new Scope(List.of(message), DIRECT));
            action.accept(single);
            single.flush();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Map<Object, Batch> batches = unitOfWork.getOrComputeResource(BATCHES, key -> {
            // Only a safety net: the interceptor normally empties the map before the unit of work commits.
            unitOfWork.onPrepareCommit(committing -> {
                if (!batchesOf(committing).isEmpty() && WARNED.compareAndSet(false, true)) {
                    log.warn("Projection batches written at commit, after the token: register "
                            + "ProjectionBatches.flushing(...) as a handler interceptor of the processor");
                }
                flush(committing);
            });
            return new LinkedHashMap<>();
        });
        @SuppressWarnings("unchecked")
        B batch = (B) batches.computeIfAbsent(owner, o -> factory.apply(new Scope(messagesOf(unitOfWork),
                Optional.ofNullable(unitOfWork.<String>getResource(WRITER)).orElse(DIRECT))));
        action.accept(batch);
    }

    /** Writes every batch collected in the unit of work, in the order the projections opened them. */
    static void flush(UnitOfWork<?> unitOfWork) {
        Map<Object, Batch> batches = batchesOf(unitOfWork);
        for (Batch batch : List.copyOf(batches.values())) {
            batch.flush();
        }
        batches.clear();
    }

    private static Map<Object, Batch> batchesOf(UnitOfWork<?> unitOfWork) {
        Map<Object, Batch> batches = unitOfWork.root().getResource(BATCHES);
        return batches == null ? new LinkedHashMap<>() : batches;
    }

    private static List<? extends EventMessage<?>> messagesOf(UnitOfWork<?> unitOfWork) {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
            @SuppressWarnings("unchecked")
            List<? extends EventMessage<?>> messages = (List<? extends EventMessage<?>>) batching.getMessages();
            return messages;
        }
        return unitOfWork.getMessage() instanceof EventMessage<?> event ? List.of(event) : List.of();
    }

    /**
     * The handler interceptor that writes the batches of a streaming processor: after the last event of each batch,
     * inside the unit of work. It also names the writer: the processor's segment, with its mask, so that a split or
     * merge starts a new writer rather than inheriting the progress of another segment.
     */
    public static MessageHandlerInterceptor<EventMessage<?>> flushing(String processorName,
                                                                      Supplier<Optional<StreamingEventProcessor>> processor) {
        String segmentResource = "Processor[" + processorName + "]/SegmentId";
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            if (unitOfWork.getResource(WRITER) == null) {
                unitOfWork.resources().put(WRITER, writer(unitOfWork.getResource(segmentResource), processor));
            }
            Object result = chain.proceed();
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batching) || batching.isLastMessage()) {
                flush(unitOfWork);
            }
            return result;
        };
    }

    private static String writer(Integer segmentId, Supplier<Optional<StreamingEventProcessor>> processor) {
        if (segmentId == null) {
            return DIRECT;
        }
        return processor.get()
                .map(p -> p.processingStatus().get(segmentId))
                .map(EventTrackerStatus::getSegment)
                .map(segment -> "s" + segment.getSegmentId() + "m" + segment.getMask())
                .orElse("s" + segmentId);
    }
}
