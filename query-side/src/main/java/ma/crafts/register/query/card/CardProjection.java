package ma.crafts.register.query.card;

import java.util.HashMap;
import java.util.Map;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.card.mongo.CardVerificationRepository;
import ma.crafts.register.query.QueryProcessors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * The public card-verification read model. Cards live in their holder's stream, so this projection folds holders with
 * the same {@link ArtisanFolding} as the artisan view and rewrites the records of every card whose verification answer
 * changed: a suspension or striking-off of the holder therefore reaches all of its cards. Card records are written
 * before the holder (whose version gates redelivery), and are plain replacements, so a redelivered event converges.
 */
@ProcessingGroup(CardProjection.PROCESSING_GROUP)
public class CardProjection {

    public static final String PROCESSING_GROUP = QueryProcessors.ARTISAN_PROJECTIONS;

    private final CardVerificationRepository repository;
    private final ArtisanFolding folding;

    public CardProjection(CardVerificationRepository repository, ArtisanFolding folding) {
        this.repository = repository;
        this.folding = folding;
    }

    @EventHandler
    public void on(DomainEventMessage<?> message) {
        ArtisanEvent event = ArtisanEvent.of(message);
        ArtisanState current = repository.findHolder(event.artisanId()).orElse(null);
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
        Map<String, CardRecord> before = new HashMap<>();
        if (current != null) {
            CardRecord.allOf(current).forEach(r -> before.put(r.cardNumber(), r));
        }
        for (CardRecord record : CardRecord.allOf(next)) {
            if (!record.sameContentAs(before.get(record.cardNumber()))) {
                repository.saveCard(record);
            }
        }
        repository.saveHolder(next);
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }
}
