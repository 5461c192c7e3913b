package ma.crafts.register.events.artisan;

import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.Revision;

/** The artisan was struck off the register; final. */
@Revision("2")
public record ArtisanStruckOff(String artisanId, SealedText reason) {
}
