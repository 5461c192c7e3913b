package ma.crafts.register.events.cooperative;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/** A suspended cooperative is ACTIVE again. {@code reason} is the clerk's, or null when none was given. */
@Revision("2")
public record CooperativeReinstated(String cooperativeId, SealedText reason) {
}
