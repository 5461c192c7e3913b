package ma.crafts.register.events.artisan;

import org.axonframework.serialization.Revision;

/** The artisan was struck off the register; final. */
@Revision("1")
public record ArtisanStruckOff(String artisanId, String reason) {
}
