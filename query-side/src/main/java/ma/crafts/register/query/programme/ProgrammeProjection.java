package ma.crafts.register.query.programme;

import java.util.List;
import ma.crafts.register.events.programme.ProgrammeDefined;
import ma.crafts.register.events.programme.ProgrammeRevised;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.programme.mongo.ProgrammeRepository;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Every version of every programme, one document per programme. Runs on the query side's one tracking processor, so
 * a {@code ?minPosition} from a revision also holds for the eligibility verdicts that read it. Revisions are rare, so
 * it writes per event; a version delivered again replaces itself.
 */
@ProcessingGroup(QueryProcessors.ARTISAN_PROJECTIONS)
public class ProgrammeProjection {
    static final String RECORDED_BY = "recordedBy";

    private final ProgrammeRepository repository;

    public ProgrammeProjection(ProgrammeRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    public void on(ProgrammeDefined event, EventMessage<?> message) {
        save(new ProgrammeVersion(event.programId(), ProgrammeDefined.FIRST_VERSION, event.effectiveFrom(),
                event.terms(), event.reason(), recordedBy(message), message.getTimestamp()));
    }

    @EventHandler
    public void on(ProgrammeRevised event, EventMessage<?> message) {
        save(new ProgrammeVersion(event.programId(), event.version(), event.effectiveFrom(), event.terms(),
                event.reason(), recordedBy(message), message.getTimestamp()));
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }

    private void save(ProgrammeVersion version) {
        ProgrammeHistory history = repository.find(version.programId())
                .orElseGet(() -> new ProgrammeHistory(version.programId(), List.of()));
        repository.save(history.with(version));
    }

    private static String recordedBy(EventMessage<?> message) {
        Object by = message.getMetaData().get(RECORDED_BY);
        return by == null ? null : by.toString();
    }
}
