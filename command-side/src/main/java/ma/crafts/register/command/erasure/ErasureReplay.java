package ma.crafts.register.command.erasure;

import java.util.Set;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.events.privacy.PersonalDataErased;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Re-applies, before the register serves anything, every erasure the event store records: after a restore of the
 * keys from a backup older than an erasure, the erased key would otherwise be readable again. The events are the
 * authority; the vault, the CIN reservations and the idempotency records only follow them.
 *
 * <p>The erased actors are looked up in the commits themselves at each start, the price of not trusting anything a
 * restore may have rolled back; on MongoDB a partial index of the erasure commits keeps that flat as the store grows
 * ({@link MongoEventStorageEngine#aggregatesHolding}).
 */
public class ErasureReplay implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(ErasureReplay.class);

    private final MongoEventStorageEngine storage;
    private final PersonalDataErasure erasure;

    public ErasureReplay(MongoEventStorageEngine storage, PersonalDataErasure erasure) {
        this.storage = storage;
        this.erasure = erasure;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<String> erased = storage.aggregatesHolding(PersonalDataErased.class);
        if (!erased.isEmpty()) {
            erasure.destroy(erased);
            log.info("Re-applied {} recorded erasure(s) of personal data", erased.size());
        }
    }
}
