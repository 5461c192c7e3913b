package ma.crafts.register.events.cooperative;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/** The cooperative's registration was suspended. {@code reason} is the clerk's, or null when none was given. */
@Revision("2")
public record CooperativeSuspended(String cooperativeId, SealedText reason) {
}
