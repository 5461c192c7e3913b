package ma.crafts.register.events.enterprise;

import org.axonframework.serialization.Revision;

/** A suspended enterprise is ACTIVE again. {@code reason} is the clerk's, or null when none was given. */
@Revision("1")
public record EnterpriseReinstated(String enterpriseId, String reason) {
}
