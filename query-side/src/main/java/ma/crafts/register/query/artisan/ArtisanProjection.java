package ma.crafts.register.query.artisan;

import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.query.artisan.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.QueryProcessors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Maintains the artisan view and its search index. Runs in a tracking processor; events of one artisan arrive in
 * stream order (sequencing per aggregate), and each event is applied at most once per document because the view
 * stores the artisan's version and skips anything not newer. The search buckets are written before the view, with
 * idempotent operations, so an event redelivered after a crash in between converges to the same state.
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

    /** Every domain event: other aggregates' events (bodies) cost one {@code _id} lookup and are skipped. */
    @EventHandler
    public void on(DomainEventMessage<?> message) {
        ArtisanEvent event = ArtisanEvent.of(message);
        ArtisanState current = views.find(event.artisanId()).orElse(null);
        if (current == null && !(event.payload() instanceof ArtisanRegistered)) {
            return;
        }
        if (current != null && event.sequence() <= current.version()) {
            return;
        }
        ArtisanState next = folding.apply(current, event).orElse(null);
        if (next == null || next == current) {
            return;
        }
        searchIndex.move(next.artisanId(), next.registrationPosition(), next.version(),
                ArtisanSearchKeys.keysOf(current), ArtisanSearchKeys.keysOf(next));
        views.save(next);
    }

    @ResetHandler
    public void reset() {
        views.clear();
        searchIndex.clear();
    }
}
