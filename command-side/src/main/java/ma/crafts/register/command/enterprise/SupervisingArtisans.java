package ma.crafts.register.command.enterprise;

import java.util.Optional;
import ma.crafts.register.values.ArtisanStatus;

/**
 * The status of an artisan, for the enterprise that names it as supervisor. The implementation reads the artisan's
 * event stream, never a read model, so the decision cannot rest on a lagging projection.
 */
public interface SupervisingArtisans {

    /**
     * Empty when no artisan is registered under {@code artisanId} or, unless {@code withinRegion} is null, when it is
     * registered in another region: a clerk may not read another region's artisans, so naming one must tell no more
     * (not even that it exists) than naming an artisan that does not exist.
     */
    Optional<ArtisanStatus> statusOf(String artisanId, String withinRegion);
}
