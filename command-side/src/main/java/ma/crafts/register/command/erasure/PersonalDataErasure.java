package ma.crafts.register.command.erasure;

import java.util.Collection;
import java.util.List;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.artisan.CinReservations;
import ma.crafts.register.command.artisan.EraseArtisanPersonalData;
import ma.crafts.register.command.cooperative.EraseCooperativePersonalData;
import ma.crafts.register.command.enterprise.EraseEnterprisePersonalData;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.platform.idempotency.IdempotencyKeyStore;
import ma.crafts.register.platform.privacy.PersonalDataVault;

/**
 * Erasure of an actor's personal data (Law 09-08): first the {@link PersonalDataErased} event, the lasting record
 * that it was decided, then the destruction of everything that could still open or point at the data. The
 * destruction is idempotent, so that start-up can re-apply it for every recorded erasure ({@link ErasureReplay}).
 */
public class PersonalDataErasure {

    /** The actors whose records carry personal data, by the collection their paths name. */
    public enum Holder {
        ARTISAN, COOPERATIVE, ENTERPRISE;

        Object command(String actorId, String reason, String legalBasis) {
            return switch (this) {
                case ARTISAN -> new EraseArtisanPersonalData(actorId, reason, legalBasis);
                case COOPERATIVE -> new EraseCooperativePersonalData(actorId, reason, legalBasis);
                case ENTERPRISE -> new EraseEnterprisePersonalData(actorId, reason, legalBasis);
            };
        }
    }

    private final CommandGatewayReceipts commands;
    private final PersonalDataVault vault;
    private final CinReservations cinReservations;
    private final IdempotencyKeyStore idempotency;
    private final MongoEventStorageEngine storage;

    public PersonalDataErasure(CommandGatewayReceipts commands, PersonalDataVault vault,
                               CinReservations cinReservations, IdempotencyKeyStore idempotency,
                               MongoEventStorageEngine storage) {
        this.commands = commands;
        this.vault = vault;
        this.cinReservations = cinReservations;
        this.idempotency = idempotency;
        this.storage = storage;
    }

    /**
     * Records the erasure, then destroys the actor's key, its CIN reservation, the stored idempotent responses of
     * requests on it, and its aggregate's snapshot (one taken before a reference was sealed holds it in clear).
     *
     * @throws ma.crafts.register.errors.RuleViolationException {@code personal-data-already-erased} the second time
     */
    public Appended<PersonalDataErased> erase(Holder holder, String actorId, String reason, String legalBasis) {
        Appended<PersonalDataErased> recorded = commands.send(holder.command(actorId, reason, legalBasis), actorId,
                PersonalDataErased.class);
        destroy(List.of(actorId));
        return recorded;
    }

    /** Destroys what could still open these actors' personal data; doing it again changes nothing. */
    void destroy(Collection<String> actorIds) {
        actorIds.forEach(vault::erase);
        cinReservations.releaseAllOf(actorIds);
        idempotency.forgetActors(actorIds);
        storage.discardSnapshots(actorIds);
    }
}
