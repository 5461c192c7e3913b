package ma.crafts.register.eventstore.deadline;

import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.ATTEMPTS;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.DEADLINES;
import static ma.crafts.register.eventstore.deadline.DeadlineDocuments.NAME;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ExecutionException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.tracing.Span;
import org.axonframework.tracing.SpanScope;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a due deadline for this node and delivers it: in a unit of work, through the handler interceptors, to the
 * aggregate or saga its scope names. A delivered deadline is deleted; a failed one is retried with exponential backoff
 * and, after {@code maxAttempts}, parked for an operator.
 */
final class DeadlineDelivery {
    /** The deadline manager's category, the one operators configure and search for deadline failures. */
    private static final Logger log = LoggerFactory.getLogger(MongoDeadlineManager.class);
    private static final int MAX_ERROR_LENGTH = 2_000;

    private final DeadlineStore store;
    private final Serializer serializer;
    private final ScopeAwareProvider scopeAwareProvider;
    private final TransactionManager transactionManager;
    private final DeadlineManagerSpanFactory spanFactory;
    /** The manager's handler interceptors, read at each delivery since they may be registered at any time. */
    private final Supplier<List<MessageHandlerInterceptor<? super DeadlineMessage<?>>>> handlerInterceptors;
    private final Clock clock;
    private final Duration retryBackoff;
    private final Duration maxRetryBackoff;
    private final int maxAttempts;

    DeadlineDelivery(DeadlineStore store, Serializer serializer, ScopeAwareProvider scopeAwareProvider,
                     TransactionManager transactionManager, DeadlineManagerSpanFactory spanFactory,
                     Supplier<List<MessageHandlerInterceptor<? super DeadlineMessage<?>>>> handlerInterceptors,
                     Clock clock, Duration retryBackoff, Duration maxRetryBackoff, int maxAttempts) {
        this.store = store;
        this.serializer = serializer;
        this.scopeAwareProvider = scopeAwareProvider;
        this.transactionManager = transactionManager;
        this.spanFactory = spanFactory;
        this.handlerInterceptors = handlerInterceptors;
        this.clock = clock;
        this.retryBackoff = retryBackoff;
        this.maxRetryBackoff = maxRetryBackoff;
        this.maxAttempts = maxAttempts;
    }

    /** Fires the deadline if this node can take it now; another node or an earlier pass may have taken it already. */
    void fireIfAvailable(String scheduleId, Instant now) {
        store.claim(scheduleId, now).ifPresent(this::fire);
    }

    private void fire(Document deadline) {
        String id = deadline.getString("_id");
        String name = deadline.getString(NAME);
        int attempt = deadline.getInteger(ATTEMPTS, 0) + 1;
        DeadlineMessage<?> message;
        ScopeDescriptor scope;
        try {
            message = DeadlineDocuments.messageOf(deadline, serializer);
            scope = DeadlineDocuments.scopeOf(deadline, serializer);
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
            InterceptorChain chain = new DefaultInterceptorChain<>(unitOfWork, handlerInterceptors.get(),
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
            store.delete(id);
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
        String name = deadline.getString(NAME);
        String error = describe(failure);
        if (error.length() > MAX_ERROR_LENGTH) {
            error = error.substring(0, MAX_ERROR_LENGTH);
        }
        if (attempt >= maxAttempts) {
            log.error("Deadline [{}] with id [{}] failed {} times and is parked (status FAILED in collection {})",
                    name, id, attempt, DEADLINES, failure);
            store.park(deadline, error);
            return;
        }
        Duration backoff = backoff(attempt);
        Instant next = clock.instant().plus(backoff);
        log.warn("Deadline [{}] with id [{}] failed (attempt {} of {}); retrying in {}", name, id, attempt, maxAttempts,
                backoff, failure);
        store.retryAt(deadline, next, error);
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
}
