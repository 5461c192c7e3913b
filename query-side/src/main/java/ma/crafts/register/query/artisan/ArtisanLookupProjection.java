package ma.crafts.register.query.artisan;

import java.util.LinkedHashMap;
import java.util.Map;
import ma.crafts.register.events.artisan.ArtisanRegistered;
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
 * registration is projected gets no CIN key.
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

    @ResetHandler
    public void reset() {
        repository.clear();
    }

    private final class Batch implements ProjectionBatches.Batch {
        private final Map<String, String> artisanIdByKey = new LinkedHashMap<>();

        void add(ArtisanRegistered event) {
            artisanIdByKey.put(ArtisanLookupKeys.nia(event.nia()), event.artisanId());
            if (event.personalData() != null) {
                vault.open(event.personalData()).map(PersonalData::cin).filter(cin -> !cin.isBlank())
                        .ifPresent(cin -> artisanIdByKey.put(ArtisanLookupKeys.cin(vault, cin), event.artisanId()));
            }
        }

        @Override
        public void flush() {
            if (!artisanIdByKey.isEmpty()) {
                repository.saveAll(artisanIdByKey);
            }
        }
    }
}
