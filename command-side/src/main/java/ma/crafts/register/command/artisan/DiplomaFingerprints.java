package ma.crafts.register.command.artisan;

import ma.crafts.register.platform.privacy.PersonalDataVault;

/**
 * Keyed fingerprints of diploma references: the artisan's registration records one beside the sealed reference, and
 * the diploma check compares the evidence's with it, so that neither the event nor the aggregate holds the reference
 * in clear. A command handler resource; the register's is the vault's ({@link #of}).
 */
@FunctionalInterface
public interface DiplomaFingerprints {

    /** The fingerprint of a reference already normalised (equal references give equal fingerprints). */
    String fingerprintOf(String normalisedReference);

    static DiplomaFingerprints of(PersonalDataVault vault) {
        return vault::referenceFingerprint;
    }
}
