package ma.crafts.register.events.cooperative;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/** The cooperative was struck off the register, finally. {@code reason} is the clerk's, or null when none was given. */
@Revision("2")
public record CooperativeStruckOff(String cooperativeId, SealedText reason) {
}
