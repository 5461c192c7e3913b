package ma.crafts.register.values;

/**
 * Personal data (CIN, names, birth date, phone, address) as it travels in events: encrypted with the actor's own key,
 * which lives outside the event store. Destroying that key (crypto-shredding) leaves the event, and the hash chain
 * over it, intact while making the personal data unrecoverable.
 *
 * @param keyId      the vault key that sealed it (the actor id)
 * @param algorithm  e.g. {@code AES-256-GCM}
 * @param nonce      base64 nonce
 * @param ciphertext base64 ciphertext of the JSON form of {@link PersonalData}
 */
public record SealedPersonalData(String keyId, String algorithm, String nonce, String ciphertext) {
}
