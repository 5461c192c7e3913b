package ma.crafts.register.events.cooperative;

import org.axonframework.serialization.Revision;

/** The cooperative was struck off the register, finally. {@code reason} is the clerk's, or null when none was given. */
@Revision("1")
public record CooperativeStruckOff(String cooperativeId, String reason) {
}
