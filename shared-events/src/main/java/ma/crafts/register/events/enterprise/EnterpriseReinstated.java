package ma.crafts.register.events.enterprise;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/** A suspended enterprise is ACTIVE again. {@code reason} is the clerk's, or null when none was given. */
@Revision("2")
public record EnterpriseReinstated(String enterpriseId, SealedText reason) {
}
