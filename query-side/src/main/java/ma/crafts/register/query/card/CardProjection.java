package ma.crafts.register.query.card;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import ma.crafts.register.query.ProjectionBatches;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.FoldedArtisans;
import ma.crafts.register.query.card.mongo.CardVerificationRepository;
import ma.crafts.register.query.QueryProcessors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * The public card-verification read model. Cards live in their holder's stream, so this projection folds holders with
 * the same {@link ArtisanFolding} as the artisan view and rewrites the records of every card whose verification answer
 * changed: a suspension or striking-off of the holder therefore reaches all of its cards. Work is done per tracking
 * batch ({@link ProjectionBatches}): holders are read with one {@code $in}, and at the end of the batch the changed
 * card records are written, then their check codes, then the holders (whose version gates redelivery), in bulk. All
 * are plain replacements or deletions, so a batch delivered again converges.
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
        ProjectionBatches.apply(this, message, Batch::new, batch -> batch.apply(event));
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }

    /** The holders and card records one tracking batch changes, written by {@link #flush()}. */
    private final class Batch implements ProjectionBatches.Batch {
        private final FoldedArtisans holders;
        private final Map<String, CardRecord> changedCards = new LinkedHashMap<>();
        private final Map<String, String> newCheckCodes = new HashMap<>();
        private final Set<String> retiredCheckCodes = new HashSet<>();

        Batch(ProjectionBatches.Scope scope) {
            this.holders = new FoldedArtisans(scope, folding, repository::findHolders, repository::findHolder);
        }

        void apply(ArtisanEvent event) {
            holders.apply(event).ifPresent(step -> {
                Map<String, CardRecord> before = new HashMap<>();
                if (step.before() != null) {
                    CardRecord.allOf(step.before()).forEach(r -> before.put(r.cardNumber(), r));
                }
                for (CardRecord record : CardRecord.allOf(step.after())) {
                    CardRecord previous = before.get(record.cardNumber());
                    if (!record.sameContentAs(previous)) {
                        changedCards.put(record.cardNumber(), record);
                        trackCheckCode(previous == null ? null : previous.checkCode(), record);
                    }
                }
            });
        }

        /** A renewal gives the card a new code: the old one is forgotten, so it no longer answers a check. */
        private void trackCheckCode(String previousCode, CardRecord record) {
            String code = record.checkCode();
            if (Objects.equals(previousCode, code)) {
                return;
            }
            if (previousCode != null) {
                retiredCheckCodes.add(previousCode);
                newCheckCodes.remove(previousCode);
            }
            if (code != null) {
                newCheckCodes.put(code, record.cardNumber());
            }
        }

        @Override
        public void flush() {
            if (holders.changed().isEmpty()) {
                return;
            }
            repository.saveCards(changedCards.values());
            repository.saveCheckCodes(newCheckCodes, retiredCheckCodes);
            repository.saveHolders(holders.changed());
        }
    }
}
