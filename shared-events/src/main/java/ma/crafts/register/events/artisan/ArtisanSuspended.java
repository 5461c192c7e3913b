package ma.crafts.register.events.artisan;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/** The artisan's registration was suspended; its card stops being valid while suspended. */
@Revision("2")
public record ArtisanSuspended(String artisanId, SealedText reason) {
}
