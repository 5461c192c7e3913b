package ma.crafts.register.events.artisan;

import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.serialization.Revision;

/**
 * The artisan moved to another province. Region and chamber follow the province, so from this event on only the
 * clerks of {@code regionCode} may write the artisan's record. The NIA does not change: it is an identifier, not an
 * address.
 *
 * @param personalData the artisan's complete personal data with the new address, sealed with its own key
 */
@Revision("1")
public record ArtisanRelocated(String artisanId, String fromProvinceCode, String fromRegionCode, String provinceCode,
                               String regionCode, SealedPersonalData personalData) {
}
