package ma.crafts.register.command;

import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.privacy.PersonalDataErased;

/** The rule every actor holding personal data applies to its erasure (Law 09-08): once, with its justification. */
public final class ErasureRules {

    private ErasureRules() {
    }

    /**
     * @throws RuleViolationException {@code personal-data-already-erased} on a second erasure: the first one's
     *                                record is the one that counts, and nothing is left to erase
     */
    public static PersonalDataErased erasure(String actorId, boolean alreadyErased, String reason, String legalBasis) {
        if (alreadyErased) {
            throw new RuleViolationException("personal-data-already-erased",
                    "The personal data of " + actorId + " is already erased");
        }
        return new PersonalDataErased(actorId, reason, legalBasis);
    }
}
