package ma.crafts.register.command;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import ma.crafts.register.platform.security.CurrentActor;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.MultiCorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;

/**
 * Who recorded an event and for which chamber, and the reason stated for it if any: set on every command from the caller's token when it is dispatched,
 * and copied onto the events the command produces, where the history and audit views read it. A stated reason is
 * free text that may name anyone, so it is sealed under the key of the actor the command is addressed to and goes with
 * that actor's personal data at an erasure; for an actor already erased it is refused ({@code personal-data-erased}).
 */
public final class ActorMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {
    public static final String RECORDED_BY = "recordedBy";
    public static final String CHAMBER = "chamber";
    /** Recorded for commands dispatched without a caller (start-up jobs, migrations). */
    public static final String SYSTEM = "system";

    private final CurrentActor actor;
    private final TextSealer sealer;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    public ActorMetadata(CurrentActor actor, TextSealer sealer) {
        this.actor = actor;
        this.sealer = sealer;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        // Runs on the dispatching thread, which is the request thread and so sees the caller's security context.
        Map<String, Object> metaData = new HashMap<>();
        if (actor.isAuthenticated()) {
            metaData.put(RECORDED_BY, actor.subject());
            metaData.put(CHAMBER, actor.chamber());
        }
        String reason = StatedReason.current();
        return (index, command) -> {
            Map<String, Object> stamped = new HashMap<>(metaData);
            if (reason != null) {
                String actorId = targets.resolveTarget(command).getIdentifier();
                stamped.put(StatedReason.REASON, sealer.seal(actorId, reason));
            }
            stamped.putIfAbsent(RECORDED_BY, command.getMetaData().getOrDefault(RECORDED_BY, SYSTEM));
            stamped.putIfAbsent(CHAMBER, command.getMetaData().getOrDefault(CHAMBER, CurrentActor.NATIONAL));
            return command.andMetaData(stamped);
        };
    }

    /** For an event no caller asked for, such as a deadline's: the register recorded it, for the nation. */
    public static MetaData recordedByTheRegister() {
        return MetaData.with(RECORDED_BY, SYSTEM).and(CHAMBER, CurrentActor.NATIONAL);
    }

    /**
     * Copies {@code recordedBy}, {@code chamber} and a stated {@code reason} ({@link StatedReason}), plus Axon's {@code correlationId} and {@code traceId}, from a
     * command to its events. One provider for all five, because declaring any provider bean switches off Axon's
     * default origin provider.
     */
    public static CorrelationDataProvider correlationDataProvider() {
        return new MultiCorrelationDataProvider<>(List.of(
                new MessageOriginProvider(),
                new SimpleCorrelationDataProvider(RECORDED_BY, CHAMBER, StatedReason.REASON)));
    }
}
