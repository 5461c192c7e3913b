package ma.crafts.register.events.privacy;

import org.axonframework.serialization.Revision;

/**
 * An artisan's, cooperative's or enterprise's personal data was erased (Law 09-08): its key is destroyed, so every
 * sealed copy in its history stays unreadable. Holds no personal data; the reason and the legal basis are the
 * registry administrator's, recorded so that the erasure can be justified and re-applied after a restore.
 */
@Revision("1")
public record PersonalDataErased(String actorId, String reason, String legalBasis) {
}
