package ma.crafts.register.events.enterprise;

import org.axonframework.serialization.Revision;

/** The enterprise's registration was suspended. {@code reason} is the clerk's, or null when none was given. */
@Revision("1")
public record EnterpriseSuspended(String enterpriseId, String reason) {
}
