package ma.crafts.register.events.cooperative;

import org.axonframework.serialization.Revision;

/** The cooperative's registration was suspended. {@code reason} is the clerk's, or null when none was given. */
@Revision("1")
public record CooperativeSuspended(String cooperativeId, String reason) {
}
