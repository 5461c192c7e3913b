package ma.crafts.register.command;

import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.eventstore.AppendReceipts;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;

/**
 * Sends a command and reports where its events landed, for the {@code version} and {@code position} every command
 * response carries (read-your-writes: a client can then ask the query side for {@code ?minPosition=position}).
 */
public class CommandGatewayReceipts {

    /**
     * @param result   what the command handler returned
     * @param version  the aggregate's sequence after the command
     * @param position the global position of the command's last event
     */
    public record Appended<R>(R result, long version, long position) {
    }

    private final CommandGateway gateway;

    public CommandGatewayReceipts(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Dispatches {@code command} on this thread and waits for it; the handler's exceptions propagate unchanged.
     *
     * @throws NotFoundException     if {@code aggregateId} names a record of another kind (a cooperative's id sent to
     *                               an artisan command, say): Axon cannot build an aggregate from a stream whose first
     *                               event is not its own
     * @throws IllegalStateException if the command appended no event for {@code aggregateId}
     */
    public <R> Appended<R> send(Object command, String aggregateId, Class<R> resultType) {
        AppendReceipts.clear();
        Object result;
        try {
            result = gateway.sendAndWait(command);
        } catch (IncompatibleAggregateException otherKind) {
            NotFoundException notFound = new NotFoundException("Nothing of this kind is registered under " + aggregateId);
            notFound.initCause(otherKind);
            throw notFound;
        }
        AppendReceipts.Receipt receipt = AppendReceipts.lastOnThisThread()
                .orElseThrow(() -> new IllegalStateException("Command " + command.getClass().getSimpleName()
                        + " appended no event"));
        long version = receipt.sequenceOf(aggregateId)
                .orElseThrow(() -> new IllegalStateException("Command " + command.getClass().getSimpleName()
                        + " appended no event for " + aggregateId));
        return new Appended<>(resultType.cast(result), version, receipt.lastPosition());
    }
}
