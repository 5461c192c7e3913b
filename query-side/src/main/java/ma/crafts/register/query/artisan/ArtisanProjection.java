package ma.crafts.register.query.artisan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import ma.crafts.register.query.ProjectionBatches;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.mongo.WriterProgress;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Maintains the artisan view and its search index. Runs in a tracking processor; events of one artisan arrive in
 * stream order (sequencing per aggregate), and each event is applied at most once per view because the view stores
 * the artisan's version and skips anything not newer.
 *
 * <p>Work is done per tracking batch ({@link ProjectionBatches}): the views the batch needs are read with one
 * {@code $in}, events are folded in memory, and at the end of the batch the search index is written, then the views,
 * in bulk. The index writes are idempotent (see {@link ArtisanSearchIndex}), so a batch interrupted after the index and
 * before the views, and delivered again, converges to the same state.
 */
@ProcessingGroup(ArtisanProjection.PROCESSING_GROUP)
public class ArtisanProjection {

    public static final String PROCESSING_GROUP = QueryProcessors.ARTISAN_PROJECTIONS;

    private final ArtisanViewRepository views;
    private final ArtisanSearchIndex searchIndex;
    private final ArtisanFolding folding;

    public ArtisanProjection(ArtisanViewRepository views, ArtisanSearchIndex searchIndex, ArtisanFolding folding) {
        this.views = views;
        this.searchIndex = searchIndex;
        this.folding = folding;
    }

    /** Every domain event: other aggregates' events (bodies) find no view and are skipped. */
    @EventHandler
    public void on(DomainEventMessage<?> message) {
        ArtisanEvent event = ArtisanEvent.of(message);
        WriterProgress progress = WriterProgress.after(message, event.position());
        ProjectionBatches.apply(this, message, Batch::new, batch -> batch.apply(event, progress));
    }

    @ResetHandler
    public void reset() {
        views.clear();
        searchIndex.clear();
    }

    /** What one tracking batch changes: the folded views and the index moves, written by {@link #flush()}. */
    private final class Batch implements ProjectionBatches.Batch {
        private final String writer;
        private final FoldedArtisans folded;
        private final List<ArtisanSearchIndex.Move> moves = new ArrayList<>();

        Batch(ProjectionBatches.Scope scope) {
            this.writer = scope.writer();
            this.folded = new FoldedArtisans(scope, folding, views::findAll, views::find);
        }

        void apply(ArtisanEvent event, WriterProgress progress) {
            folded.apply(event).ifPresent(step -> {
                ArtisanSearchKeys.Placement from = ArtisanSearchKeys.placementOf(step.before());
                ArtisanSearchKeys.Placement to = ArtisanSearchKeys.placementOf(step.after());
                if (!Objects.equals(from, to)) {
                    moves.add(new ArtisanSearchIndex.Move(step.after().artisanId(),
                            step.after().registrationPosition(), event.position(), progress, from, to));
                }
            });
        }

        @Override
        public void flush() {
            if (folded.changed().isEmpty()) {
                return;
            }
            searchIndex.apply(writer, moves);
            views.saveAll(folded.changed());
        }
    }
}
