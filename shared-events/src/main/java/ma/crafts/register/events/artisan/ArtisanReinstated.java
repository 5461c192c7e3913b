package ma.crafts.register.events.artisan;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/** A suspended artisan is active again. */
@Revision("2")
public record ArtisanReinstated(String artisanId, SealedText reason) {
}
