package ma.crafts.register.platform.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.SealedPersonalData;
import ma.crafts.register.values.SealedText;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Crypto-shredding for personal data. Each actor's {@link PersonalData} is sealed with that actor's own AES-256-GCM
 * key; the key is stored in {@code personal_data_keys}, wrapped by a key derived from the {@link MasterKey}, and never
 * in the event store. {@link #erase} destroys the key, after which every sealed copy in every event is unreadable
 * while the events themselves stay intact. The key's document is replaced by a tombstone ({@code erasedAt}, no key
 * material), so that nothing sealed after the erasure (an amendment that read the data just before it, say) can
 * quietly create a new key and store the personal data again.
 */
public class PersonalDataVault {
    public static final String COLLECTION = "personal_data_keys";
    public static final String ALGORITHM = "AES-256-GCM";
    private static final String KEK_LABEL = "crafts-register/personal-data-kek/v1";
    private static final String PEPPER_LABEL = "crafts-register/cin-fingerprint/v1";
    private static final String WRAP_AAD_PREFIX = "crafts-register/personal-data-key/";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String ERASED_AT = "erasedAt";

    private final MongoCollection<Document> keys;
    private final MasterKey masterKey;
    private final SecretKey keyEncryptionKey;
    private final SecretKeySpec pepper;
    private final KeyCache cache;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public PersonalDataVault(MongoDatabase database, MasterKey masterKey, int keyCacheSize, Duration keyCacheTtl) {
        this.keys = database.getCollection(COLLECTION);
        this.masterKey = masterKey;
        this.keyEncryptionKey = new SecretKeySpec(masterKey.derive(KEK_LABEL), "AES");
        this.pepper = new SecretKeySpec(masterKey.derive(PEPPER_LABEL), "HmacSHA256");
        this.cache = new KeyCache(keyCacheSize, keyCacheTtl);
    }

    /**
     * Encrypts {@code data} under the actor's key, creating that key on first use.
     *
     * @throws RuleViolationException {@code personal-data-erased} once the actor's key has been erased
     */
    public SealedPersonalData seal(String actorId, PersonalData data) {
        requireActorId(actorId);
        if (data == null) {
            throw new IllegalArgumentException("No personal data to seal");
        }
        try {
            Encrypted encrypted = encrypt(actorId, keyFor(actorId, true), json.writeValueAsBytes(data));
            return new SealedPersonalData(actorId, ALGORITHM, encrypted.nonce(), encrypted.ciphertext());
        } catch (IOException e) {
            throw new IllegalStateException("Could not seal the personal data of actor " + actorId, e);
        }
    }

    /**
     * Decrypts sealed data; empty once the actor's key has been erased.
     *
     * @throws IllegalArgumentException if {@code sealed} is not something this vault produces
     * @throws IllegalStateException    if the ciphertext was altered or belongs to another actor
     */
    public Optional<PersonalData> open(SealedPersonalData sealed) {
        if (sealed == null) {
            throw new IllegalArgumentException("No sealed personal data to open");
        }
        requireAlgorithm(sealed.keyId(), sealed.algorithm());
        return decrypt(sealed.keyId(), sealed.nonce(), sealed.ciphertext()).map(plaintext -> {
            try {
                return json.readValue(plaintext, PersonalData.class);
            } catch (IOException e) {
                throw new IllegalStateException("Could not open the personal data of actor " + sealed.keyId(), e);
            }
        });
    }

    /**
     * Brings the keys of these actors into the key cache with one lookup, so that opening what a batch of events
     * carries for many actors (a projection catching up) costs one round trip rather than one per actor. Keys already
     * cached, erased or unknown are left as they are; {@link #open} behaves the same with or without this call.
     */
    public void preloadKeys(Collection<String> actorIds) {
        long generation = cache.generation();
        List<String> missing = actorIds.stream().distinct().filter(id -> cache.get(id) == null).toList();
        if (missing.isEmpty()) {
            return;
        }
        for (Document stored : keys.find(Filters.in("_id", missing))) {
            if (!stored.containsKey(ERASED_AT)) {
                String actorId = stored.getString("_id");
                cache.put(actorId, unwrap(actorId, stored), generation);
            }
        }
    }

    /**
     * Encrypts free text that may name a person (a reason) under the key of an actor on record. Unlike {@link #seal}
     * it never creates a key: text about an actor is recorded after its registration, which sealed its personal data,
     * so a missing key means nothing is registered under the id, and a request naming it must store nothing.
     *
     * @return empty when the actor has no key
     * @throws RuleViolationException {@code personal-data-erased} once the actor's key has been erased: nothing that
     *                                could identify the person is recorded for it any more
     */
    public Optional<SealedText> sealText(String actorId, String text) {
        requireActorId(actorId);
        if (text == null) {
            throw new IllegalArgumentException("No text to seal");
        }
        SecretKey key = keyFor(actorId, false);
        if (key == null) {
            if (isErased(actorId)) {
                throw erased(actorId);
            }
            return Optional.empty();
        }
        Encrypted encrypted = encrypt(actorId, key, text.getBytes(StandardCharsets.UTF_8));
        return Optional.of(new SealedText(actorId, ALGORITHM, encrypted.nonce(), encrypted.ciphertext()));
    }

    /**
     * The text; empty once the actor's key has been erased. Text recorded in clear before sealing
     * ({@link SealedText#CLEAR}) is shown on the same terms, so an erasure hides it from every reader too.
     *
     * @throws IllegalArgumentException if {@code sealed} is not something this vault produces
     * @throws IllegalStateException    if the ciphertext was altered or belongs to another actor
     */
    public Optional<String> openText(SealedText sealed) {
        if (sealed == null) {
            throw new IllegalArgumentException("No sealed text to open");
        }
        requireActorId(sealed.keyId());
        if (SealedText.CLEAR.equals(sealed.algorithm())) {
            return isErased(sealed.keyId()) ? Optional.empty() : Optional.ofNullable(sealed.sealedText());
        }
        requireAlgorithm(sealed.keyId(), sealed.algorithm());
        return decrypt(sealed.keyId(), sealed.nonce(), sealed.sealedText())
                .map(plaintext -> new String(plaintext, StandardCharsets.UTF_8));
    }

    /** Whether the actor's key was destroyed (an actor with no key at all was not erased: it never sealed anything). */
    private boolean isErased(String actorId) {
        if (cache.get(actorId) != null) {
            return false;
        }
        Document stored = keys.find(Filters.eq("_id", actorId)).first();
        return stored != null && stored.containsKey(ERASED_AT);
    }

    /** Base64 nonce and ciphertext. */
    private record Encrypted(String nonce, String ciphertext) {
    }

    /** AES-256-GCM under the actor's key, with the actor id as associated data. */
    private Encrypted encrypt(String actorId, SecretKey key, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(actorId.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            Base64.Encoder base64 = Base64.getEncoder();
            return new Encrypted(base64.encodeToString(nonce), base64.encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal the personal data of actor " + actorId, e);
        }
    }

    /** The plaintext; empty once the actor's key has been erased. */
    private Optional<byte[]> decrypt(String actorId, String encodedNonce, String encodedCiphertext) {
        SecretKey key = keyFor(actorId, false);
        if (key == null) {
            return Optional.empty();
        }
        byte[] nonce;
        byte[] ciphertext;
        try {
            nonce = Base64.getDecoder().decode(encodedNonce);
            ciphertext = Base64.getDecoder().decode(encodedCiphertext);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Sealed personal data of actor " + actorId + " is not valid base64", e);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(actorId.getBytes(StandardCharsets.UTF_8));
            return Optional.of(cipher.doFinal(ciphertext));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("Sealed personal data of actor " + actorId
                    + " failed its integrity check: it was altered or sealed for another actor", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not open the personal data of actor " + actorId, e);
        }
    }

    private static void requireAlgorithm(String actorId, String algorithm) {
        requireActorId(actorId);
        if (!ALGORITHM.equals(algorithm)) {
            throw new IllegalArgumentException("Unsupported personal-data algorithm '" + algorithm + "'");
        }
    }

    /**
     * Destroys the actor's key: from now on {@link #open} returns empty for everything sealed for this actor, and
     * {@link #seal} refuses to seal anything new for it.
     */
    public void erase(String actorId) {
        requireActorId(actorId);
        keys.replaceOne(Filters.eq("_id", actorId), new Document("_id", actorId).append(ERASED_AT, new Date()),
                new ReplaceOptions().upsert(true));
        cache.evict(actorId);
    }

    /**
     * Deletes the actor's key outright, leaving no tombstone: the undo of a registration the event store refused, whose
     * sealed data was never kept anywhere, so that a rejected request leaves nothing behind. Use {@link #erase} for an
     * actor on record.
     */
    public void discard(String actorId) {
        requireActorId(actorId);
        keys.deleteOne(Filters.eq("_id", actorId));
        cache.evict(actorId);
    }

    /**
     * A keyed fingerprint of a normalised CIN (base64url of HMAC-SHA256 with a pepper derived from the master key):
     * equal CINs give equal fingerprints, across restarts and instances sharing the master key, while the CIN itself
     * cannot be recovered or brute-forced without that key.
     */
    public String cinFingerprint(String normalisedCin) {
        if (normalisedCin == null || normalisedCin.isBlank()) {
            throw new IllegalArgumentException("No CIN to fingerprint");
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(pepper);
            byte[] digest = hmac.doFinal(normalisedCin.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private SecretKey keyFor(String actorId, boolean create) {
        SecretKey cached = cache.get(actorId);
        if (cached != null) {
            return cached;
        }
        long generation = cache.generation();
        Document stored = keys.find(Filters.eq("_id", actorId)).first();
        SecretKey key;
        if (stored != null && stored.containsKey(ERASED_AT)) {
            if (create) {
                throw erased(actorId);
            }
            return null;
        } else if (stored != null) {
            key = unwrap(actorId, stored);
        } else if (!create) {
            return null;
        } else {
            key = createKey(actorId);
        }
        cache.put(actorId, key, generation);
        return key;
    }

    /** The unique {@code _id} settles races: whoever inserts first wins and everyone else adopts that key. */
    private SecretKey createKey(String actorId) {
        SecretKey fresh = generateKey();
        try {
            keys.insertOne(wrap(actorId, fresh));
            return fresh;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document winner = keys.find(Filters.eq("_id", actorId)).first();
            if (winner == null || winner.containsKey(ERASED_AT)) {
                throw erased(actorId);
            }
            return unwrap(actorId, winner);
        }
    }

    private SecretKey generateKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is required by every Java platform", e);
        }
    }

    private Document wrap(String actorId, SecretKey key) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keyEncryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD((WRAP_AAD_PREFIX + actorId).getBytes(StandardCharsets.UTF_8));
            byte[] wrapped = cipher.doFinal(key.getEncoded());
            return new Document("_id", actorId)
                    .append("algorithm", ALGORITHM)
                    .append("wrapping", "AES-256-GCM")
                    .append("masterKeyId", masterKey.id())
                    .append("nonce", new Binary(nonce))
                    .append("wrappedKey", new Binary(wrapped))
                    .append("createdAt", new Date());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not wrap the key of actor " + actorId, e);
        }
    }

    private SecretKey unwrap(String actorId, Document stored) {
        String wrappedBy = stored.getString("masterKeyId");
        if (!masterKey.id().equals(wrappedBy)) {
            throw new IllegalStateException("The personal-data key of actor " + actorId + " was wrapped by master key "
                    + wrappedBy + ", but this service runs with master key " + masterKey.id()
                    + "; check register.privacy.master-key");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keyEncryptionKey,
                    new GCMParameterSpec(TAG_BITS, stored.get("nonce", Binary.class).getData()));
            cipher.updateAAD((WRAP_AAD_PREFIX + actorId).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(cipher.doFinal(stored.get("wrappedKey", Binary.class).getData()), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored key of actor " + actorId + " failed its integrity check", e);
        }
    }

    private static RuleViolationException erased(String actorId) {
        return new RuleViolationException("personal-data-erased",
                "The personal data of actor " + actorId + " has been erased; nothing new can be recorded for it");
    }

    private static void requireActorId(String actorId) {
        if (actorId == null || actorId.isBlank()) {
            throw new IllegalArgumentException("An actor id is required");
        }
    }
}
