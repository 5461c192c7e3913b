package ma.crafts.register.command;

import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.values.SealedText;

/**
 * Opens text that an event recorded sealed under an actor's key, for a command handler that must compare it with what
 * a command brings (the registered diploma reference). The clear text is for that comparison only: a handler applies
 * and keeps nothing of it. Text recorded in clear before such text was sealed ({@link SealedText#CLEAR}) is opened on
 * the same terms. A command handler resource; the register's is the personal-data vault's ({@link #of}).
 */
@FunctionalInterface
public interface TextOpener {

    /**
     * @throws RuleViolationException {@code personal-data-erased} once the actor's personal data was erased: its text
     *                                is gone with its key, and nothing may be decided on it any more
     */
    String open(SealedText sealed);

    static TextOpener of(PersonalDataVault vault) {
        return sealed -> vault.openText(sealed).orElseThrow(() -> new RuleViolationException("personal-data-erased",
                "The personal data of actor " + sealed.keyId()
                        + " has been erased; nothing can be checked against it"));
    }
}
