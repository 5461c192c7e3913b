package ma.crafts.register.query.eligibility;

import java.util.ArrayList;
import java.util.List;
import ma.crafts.register.events.programme.ProgrammeDefined;
import ma.crafts.register.events.programme.ProgrammeRevised;
import ma.crafts.register.query.ProjectionBatches;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.mongo.WriterProgress;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Keeps the eligibility model following every actor event (per tracking batch, {@link ProjectionBatches}) and wakes
 * the recompute when a programme is defined or revised: the new version is judged by a pass in the background, not by
 * the processor, which goes on applying actor events meanwhile.
 */
@ProcessingGroup(QueryProcessors.ARTISAN_PROJECTIONS)
public class EligibilityProjection {

    private final EligibilityModel model;
    private final Runnable programmesChanged;

    public EligibilityProjection(EligibilityModel model, Runnable programmesChanged) {
        this.model = model;
        this.programmesChanged = programmesChanged;
    }

    @EventHandler
    public void on(DomainEventMessage<?> message) {
        if (message.getPayload() instanceof ProgrammeDefined || message.getPayload() instanceof ProgrammeRevised) {
            ProjectionBatches.apply(this, message, Batch::new, Batch::programmeChanged);
            return;
        }
        ArtisanEvent event = ArtisanEvent.of(message);
        WriterProgress progress = WriterProgress.after(message, event.position());
        ProjectionBatches.apply(this, message, Batch::new,
                batch -> batch.changes.add(new EligibilityModel.Change(event, progress)));
    }

    @ResetHandler
    public void reset() {
        model.clear();
    }

    /** The actor events of one tracking batch, applied together by {@link #flush()}. */
    private final class Batch implements ProjectionBatches.Batch {
        private final ProjectionBatches.Scope scope;
        private final List<EligibilityModel.Change> changes = new ArrayList<>();
        private boolean programmeChanged;

        Batch(ProjectionBatches.Scope scope) {
            this.scope = scope;
        }

        void programmeChanged() {
            programmeChanged = true;
        }

        @Override
        public void flush() {
            if (!changes.isEmpty()) {
                model.apply(scope, changes);
            }
            if (programmeChanged) {
                programmesChanged.run();
            }
        }
    }
}
