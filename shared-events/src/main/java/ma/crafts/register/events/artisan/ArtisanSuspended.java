package ma.crafts.register.events.artisan;

import org.axonframework.serialization.Revision;

/** The artisan's registration was suspended; its card stops being valid while suspended. */
@Revision("1")
public record ArtisanSuspended(String artisanId, String reason) {
}
