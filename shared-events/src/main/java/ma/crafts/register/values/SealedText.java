package ma.crafts.register.values;

/**
 * Free text that may identify a person (a clerk's reason, which can name anyone; a diploma or attestation number) as it
 * travels in events: sealed like {@link SealedPersonalData}, under the actor's own key, so that destroying the key erases
 * it with the rest of the actor's personal data.
 *
 * @param keyId      the vault key that sealed it (the actor id)
 * @param algorithm  {@code AES-256-GCM}; or {@value #CLEAR} for text an event recorded before such text was sealed,
 *                   which an upcaster brings into this shape and the vault shows only while the actor's key exists
 * @param nonce      base64 nonce; null for {@value #CLEAR}
 * @param sealedText base64 ciphertext of the UTF-8 text; the text itself for {@value #CLEAR}
 */
public record SealedText(String keyId, String algorithm, String nonce, String sealedText) {

    /** The algorithm of text recorded in clear before sealing: the stored bytes cannot change (the hash chain). */
    public static final String CLEAR = "CLEAR";

    /** Text recorded in clear by an older version of an event, read through an upcaster. */
    public static SealedText recordedInClear(String actorId, String text) {
        return new SealedText(actorId, CLEAR, null, text);
    }
}
