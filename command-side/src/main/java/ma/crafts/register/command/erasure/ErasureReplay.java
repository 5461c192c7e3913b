package ma.crafts.register.command.erasure;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import ma.crafts.register.events.privacy.PersonalDataErased;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Re-applies, before the register serves anything, every erasure the event store records: after a restore of the
 * keys from a backup older than an erasure, the erased key would otherwise be readable again. The events are the
 * authority; the vault, the CIN reservations and the idempotency records only follow them.
 *
 * <p>It reads every event once per start (payload types only; payloads are not deserialised), the price of not
 * trusting anything a restore may have rolled back.
 */
public class ErasureReplay implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(ErasureReplay.class);

    private final EventStorageEngine storage;
    private final PersonalDataErasure erasure;

    public ErasureReplay(EventStorageEngine storage, PersonalDataErasure erasure) {
        this.storage = storage;
        this.erasure = erasure;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<String> erased = recordedErasures();
        if (!erased.isEmpty()) {
            erasure.destroy(erased);
            log.info("Re-applied {} recorded erasure(s) of personal data", erased.size());
        }
    }

    /** The actors whose erasure the event store records, in the order recorded. */
    Set<String> recordedErasures() {
        Set<String> actors = new LinkedHashSet<>();
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            events.filter(event -> event.getPayloadType() == PersonalDataErased.class)
                    .forEach(event -> actors.add(((PersonalDataErased) event.getPayload()).actorId()));
        }
        return actors;
    }
}
