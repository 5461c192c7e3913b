package ma.crafts.register.events.artisan;

import org.axonframework.serialization.Revision;

/** A suspended artisan is active again. */
@Revision("1")
public record ArtisanReinstated(String artisanId, String reason) {
}
