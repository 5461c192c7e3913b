package ma.crafts.register.events.enterprise;

import org.axonframework.serialization.Revision;

/** The enterprise was struck off the register, finally. {@code reason} is the clerk's, or null when none was given. */
@Revision("1")
public record EnterpriseStruckOff(String enterpriseId, String reason) {
}
