package ma.crafts.register.events.cooperative;

import org.axonframework.serialization.Revision;

/** A suspended cooperative is ACTIVE again. {@code reason} is the clerk's, or null when none was given. */
@Revision("1")
public record CooperativeReinstated(String cooperativeId, String reason) {
}
