package ma.crafts.register.query.artisan;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.ProjectionBatches;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.artisan.mongo.ArtisanLookupRepository;
import ma.crafts.register.values.PersonalData;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Who is registered under a NIA or a CIN. The CIN is read from the sealed personal data only to fingerprint it with
 * the vault's key, and only the fingerprint is kept. Neither a NIA nor a CIN changes after registration, so the keys
 * are written once, per tracking batch in one bulk. An artisan whose personal data is already erased when the
 * registration is projected gets no CIN key, and an erasure projected later deletes it: a fingerprint still points at
 * the person.
 */
@ProcessingGroup(QueryProcessors.ARTISAN_PROJECTIONS)
public class ArtisanLookupProjection {

    private final ArtisanLookupRepository repository;
    private final PersonalDataVault vault;

    public ArtisanLookupProjection(ArtisanLookupRepository repository, PersonalDataVault vault) {
        this.repository = repository;
        this.vault = vault;
    }

    @EventHandler
    public void on(ArtisanRegistered event, EventMessage<?> message) {
        ProjectionBatches.apply(this, message, scope -> new Batch(), batch -> batch.add(event));
    }

    @EventHandler
    public void on(PersonalDataErased event, EventMessage<?> message) {
        ProjectionBatches.apply(this, message, scope -> new Batch(), batch -> batch.erase(event.actorId()));
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }

    private final class Batch implements ProjectionBatches.Batch {
        private final Map<String, String> artisanIdByKey = new LinkedHashMap<>();
        private final Map<String, String> cinKeyByArtisan = new LinkedHashMap<>();
        private final Set<String> erased = new LinkedHashSet<>();

        void add(ArtisanRegistered event) {
            artisanIdByKey.put(ArtisanLookupKeys.nia(event.nia()), event.artisanId());
            if (event.personalData() != null) {
                vault.open(event.personalData()).map(PersonalData::cin).filter(cin -> !cin.isBlank())
                        .ifPresent(cin -> {
                            String key = ArtisanLookupKeys.cin(vault, cin);
                            artisanIdByKey.put(key, event.artisanId());
                            cinKeyByArtisan.put(event.artisanId(), key);
                        });
            }
        }

        /** A registration earlier in this batch must not be written after its erasure is applied. */
        void erase(String actorId) {
            String pending = cinKeyByArtisan.remove(actorId);
            if (pending != null) {
                artisanIdByKey.remove(pending);
            }
            erased.add(actorId);
        }

        @Override
        public void flush() {
            if (!artisanIdByKey.isEmpty()) {
                repository.saveAll(artisanIdByKey, cinKeyByArtisan);
            }
            if (!erased.isEmpty()) {
                repository.forgetPersonalKeys(erased);
            }
        }
    }
}
