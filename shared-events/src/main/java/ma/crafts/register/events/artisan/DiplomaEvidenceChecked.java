package ma.crafts.register.events.artisan;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/**
 * The outcome of checking recorded diploma evidence against the qualification the artisan was registered with.
 *
 * @param detail what was compared, in words, for the audit trail
 */
@Revision("2")
public record DiplomaEvidenceChecked(String artisanId, SealedText diplomaRef, Outcome outcome, String detail) {

    public enum Outcome {
        /** The evidence names the diploma the artisan registered with. */
        CONFIRMED,
        /** The evidence names another diploma than the registered one: a case for the qualification committee. */
        MISMATCH
    }
}
