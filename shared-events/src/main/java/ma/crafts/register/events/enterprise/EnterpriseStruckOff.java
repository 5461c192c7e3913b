package ma.crafts.register.events.enterprise;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/** The enterprise was struck off the register, finally. {@code reason} is the clerk's, or null when none was given. */
@Revision("2")
public record EnterpriseStruckOff(String enterpriseId, SealedText reason) {
}
