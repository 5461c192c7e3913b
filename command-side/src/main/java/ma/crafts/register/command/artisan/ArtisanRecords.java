package ma.crafts.register.command.artisan;

import java.util.Optional;
import ma.crafts.register.events.artisan.ArtisanDetailsAmended;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * What a change of personal data must start from: the artisan's current region (for the up-front access check) and
 * its latest sealed personal data (to merge the change into). Read from the event store, the authority, never from a
 * read model that may lag; the aggregate then refuses the change if a newer one was recorded in between.
 */
public class ArtisanRecords {

    public record Current(String artisanId, String regionCode, SealedPersonalData personalData) {
    }

    private final EventStore eventStore;

    public ArtisanRecords(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Empty when no artisan is registered under {@code artisanId}. */
    public Optional<Current> current(String artisanId) {
        if (artisanId == null || artisanId.isBlank()) {
            return Optional.empty();
        }
        // From sequence 0: a snapshot would hide the events this reads and is not in an event's shape.
        DomainEventStream stream = eventStore.readEvents(artisanId, 0L);
        String region = null;
        SealedPersonalData personalData = null;
        boolean first = true;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object payload = message.getPayload();
            if (first && !(payload instanceof ArtisanRegistered)) {
                return Optional.empty();
            }
            first = false;
            if (payload instanceof ArtisanRegistered registered) {
                region = registered.regionCode();
                personalData = registered.personalData();
            } else if (payload instanceof ArtisanRelocated relocated) {
                region = relocated.regionCode();
                if (relocated.personalData() != null) {
                    personalData = relocated.personalData();
                }
            } else if (payload instanceof ArtisanDetailsAmended amended && amended.personalData() != null) {
                personalData = amended.personalData();
            }
        }
        return region == null ? Optional.empty() : Optional.of(new Current(artisanId, region, personalData));
    }
}
