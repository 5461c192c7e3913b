package ma.crafts.register.command.programme;

import java.util.function.Predicate;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.programme.ProgrammeRevised;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/** Sends programme commands for the API and the seed alike; the callers decide who may. */
public class ProgrammeRegistry {
    public static final String ONE_DEFINITION_RULE = "programme-already-defined";

    private final CommandGatewayReceipts commands;
    private final Predicate<String> hasEventStream;

    public ProgrammeRegistry(CommandGatewayReceipts commands, Predicate<String> hasEventStream) {
        this.commands = commands;
        this.hasEventStream = hasEventStream;
    }

    public boolean isDefined(String programId) {
        return hasEventStream.test(programId);
    }

    /** @throws RuleViolationException {@value #ONE_DEFINITION_RULE} when the programme exists, however concurrently */
    public Appended<Object> define(DefineProgramme command) {
        try {
            return commands.send(command, command.programId(), Object.class);
        } catch (AggregateStreamCreationException | ConcurrencyException e) {
            // The programme id is the aggregate id, so the store refusing a second first event means the programme
            // exists already; the aggregate's checks ran first, so invalid terms are reported as such.
            if (isDefined(command.programId())) {
                RuleViolationException duplicate = new RuleViolationException(ONE_DEFINITION_RULE,
                        "Programme " + command.programId() + " is already defined; revise it with PUT instead");
                duplicate.addSuppressed(e);
                throw duplicate;
            }
            throw e;
        }
    }

    public Appended<ProgrammeRevised> revise(ReviseProgramme command) {
        return commands.send(command, command.programId(), ProgrammeRevised.class);
    }
}
