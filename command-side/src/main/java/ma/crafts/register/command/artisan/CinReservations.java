package ma.crafts.register.command.artisan;

import java.util.Collection;
import java.util.Optional;

/**
 * One artisan per CIN, nationwide, also under concurrent registrations: a CIN is reserved (by its keyed fingerprint,
 * never in clear) before {@link RegisterArtisan} is dispatched and released if the command fails.
 */
public interface CinReservations {

    /**
     * Reserves the CIN for {@code artisanId}.
     *
     * @return true when this call reserved it; false when {@code artisanId} held it already (a bulk import's row run
     * again after a crash), which only then makes it worth asking whether that earlier run got as far as registering
     * @throws ma.crafts.register.errors.DuplicateCinException if another artisan holds it or is being registered with it
     */
    boolean reserve(String cinFingerprint, String artisanId);

    /** The artisan holding (or being registered with) this CIN, if any. */
    Optional<String> holderOf(String cinFingerprint);

    /** Releases the reservation if {@code artisanId} still holds it. */
    void release(String cinFingerprint, String artisanId);

    /**
     * Deletes every reservation these artisans hold, once their personal data is erased: the keyed fingerprint of a
     * CIN is personal data too, and the person may register again.
     */
    void releaseAllOf(Collection<String> artisanIds);
}
