package ma.crafts.register.command;

import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.values.SealedText;

/**
 * Seals free text about an actor (a clerk's reason, a diploma or attestation number) under that actor's key before an
 * event records it, so that the text goes with the actor's personal data at an erasure (Law 09-08). Command handlers
 * take it as a resource and seal before they apply; the register's is the personal-data vault's ({@link #of}).
 */
@FunctionalInterface
public interface TextSealer {

    /**
     * @throws NotFoundException      when nothing is registered under {@code actorId} (it has no key)
     * @throws RuleViolationException {@code personal-data-erased} once the actor's personal data was erased
     */
    SealedText seal(String actorId, String text);

    /** {@link #seal}, or null for no text (an optional reason not given). */
    default SealedText sealIfAny(String actorId, String text) {
        return text == null ? null : seal(actorId, text);
    }

    static TextSealer of(PersonalDataVault vault) {
        return (actorId, text) -> vault.sealText(actorId, text).orElseThrow(
                () -> new NotFoundException("Nothing is registered under " + actorId));
    }
}
