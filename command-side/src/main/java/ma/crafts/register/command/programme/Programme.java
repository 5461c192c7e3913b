package ma.crafts.register.command.programme;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.events.programme.ProgrammeDefined;
import ma.crafts.register.events.programme.ProgrammeRevised;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A benefit programme as dated, versioned data: each definition or revision is an event carrying the whole terms of
 * the new version and the instant it comes into force, so a verdict for any instant can name and reproduce the
 * version in force then. Terms with any invalid rule are refused whole, before anything is stored.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Programme {
    static final String PROGRAM_ID = "[A-Z0-9][A-Z0-9_-]{0,39}";
    static final int MAX_REASON_LENGTH = 500;

    @AggregateIdentifier
    private String programId;
    private int version;
    private Instant effectiveFrom;

    /** For Axon's event sourcing. */
    protected Programme() {
    }

    /**
     * A definition may take effect in the past (the seed does): no verdict was given for a programme that did not
     * exist, so none is contradicted. A revision may not, see {@link #handle}.
     */
    @CommandHandler
    public Programme(DefineProgramme command, ProgrammeRuleCheck check, RegisterPolicy policy) {
        List<FieldProblem> problems = new ArrayList<>();
        if (command.programId() == null || !command.programId().matches(PROGRAM_ID)) {
            problems.add(new FieldProblem("programId", "must be 1-40 upper-case letters, digits, '_' or '-'"));
        }
        problems.addAll(check.problems(command.terms()));
        checkReason(command.reason(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Instant from = command.effectiveFrom() == null ? policy.clock().instant() : command.effectiveFrom();
        apply(new ProgrammeDefined(command.programId(), from, command.terms(), command.reason().strip()));
    }

    /**
     * A revision takes effect no earlier than it is recorded, so the verdicts already given for earlier instants stay
     * reproducible, and after the latest version's start, so exactly one version is in force at any instant.
     */
    @CommandHandler
    public ProgrammeRevised handle(ReviseProgramme command, ProgrammeRuleCheck check, RegisterPolicy policy) {
        if (programId == null) {
            // Another aggregate's stream addressed as a programme.
            throw new NotFoundException("No programme " + command.programId());
        }
        List<FieldProblem> problems = new ArrayList<>(check.problems(command.terms()));
        checkReason(command.reason(), problems);
        Instant now = policy.clock().instant();
        Instant from = command.effectiveFrom() == null ? now : command.effectiveFrom();
        if (from.isBefore(now)) {
            problems.add(new FieldProblem("effectiveFrom", "a revision cannot take effect before it is recorded ("
                    + now + "): verdicts already given must stay reproducible"));
        } else if (!from.isAfter(effectiveFrom)) {
            problems.add(new FieldProblem("effectiveFrom", "must be after " + effectiveFrom
                    + ", when version " + version + " takes effect"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        ProgrammeRevised revised = new ProgrammeRevised(programId, version + 1, from, command.terms(),
                command.reason().strip());
        apply(revised);
        return revised;
    }

    @EventSourcingHandler
    void on(ProgrammeDefined event) {
        programId = event.programId();
        version = ProgrammeDefined.FIRST_VERSION;
        effectiveFrom = event.effectiveFrom();
    }

    @EventSourcingHandler
    void on(ProgrammeRevised event) {
        version = event.version();
        effectiveFrom = event.effectiveFrom();
    }

    private static void checkReason(String reason, List<FieldProblem> problems) {
        if (reason == null || reason.isBlank()) {
            problems.add(new FieldProblem("reason", "say why the programme is defined or revised"));
        } else if (reason.length() > MAX_REASON_LENGTH) {
            problems.add(new FieldProblem("reason", "at most " + MAX_REASON_LENGTH + " characters"));
        }
    }
}
