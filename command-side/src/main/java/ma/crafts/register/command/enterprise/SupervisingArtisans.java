package ma.crafts.register.command.enterprise;

import java.util.Optional;
import ma.crafts.register.values.ArtisanStatus;

/**
 * The status of an artisan, for the enterprise that names it as supervisor. The implementation reads the artisan's
 * event stream, never a read model, so the decision cannot rest on a lagging projection.
 */
public interface SupervisingArtisans {

    /** Empty when no artisan is registered under {@code artisanId}. */
    Optional<ArtisanStatus> statusOf(String artisanId);
}
