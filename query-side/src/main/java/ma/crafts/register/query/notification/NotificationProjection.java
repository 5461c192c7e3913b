package ma.crafts.register.query.notification;

import ma.crafts.register.events.enterprise.ChamberNotificationIssued;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.notification.mongo.NotificationRepository;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;

/**
 * The chambers' notices, per region. Runs on the query side's one tracking processor, so a {@code ?minPosition} from
 * any command response also holds here. Notices are rare and each is one upsert keyed by its notification id, so
 * unlike the artisan projections it writes per event rather than per batch: a redelivered notice rewrites the same
 * document.
 */
@ProcessingGroup(NotificationProjection.PROCESSING_GROUP)
public class NotificationProjection {

    public static final String PROCESSING_GROUP = QueryProcessors.ARTISAN_PROJECTIONS;

    private final NotificationRepository repository;

    public NotificationProjection(NotificationRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    public void on(ChamberNotificationIssued event, EventMessage<?> message) {
        repository.save(new ChamberNotification(event.notificationId(), event.regionCode(), event.enterpriseId(),
                event.topic(), event.message(), message.getTimestamp(), ArtisanEvent.positionOf(message)));
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }
}
