package ma.crafts.register.command.imports;

import java.util.Optional;

/**
 * Which record an imported cooperative or enterprise became, by what identifies it in the chambers' files (its kind,
 * seat province and name): what lets a file imported again find the records it registered, as the CIN reservations do
 * for artisans. The register itself does not require these names to be unique; an import only looks them up.
 */
public interface ImportKeys {

    /** The record holding {@code key}, if any. */
    Optional<String> holderOf(String key);

    /** Gives {@code key} to {@code recordId} unless another record holds it; the holder after the call. */
    String claim(String key, String recordId);

    /** Undoes {@link #claim} after the registration that was to use the key failed. */
    void release(String key, String recordId);
}
