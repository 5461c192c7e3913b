package ma.crafts.register.eventstore.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import ma.crafts.register.eventstore.HashChain;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.eventstore.StreamHeads;

/** Seals checkpoints with an Ed25519 key and checks their signatures, with the JDK's own provider. */
public final class CheckpointSigner {
    private static final String ALGORITHM = "Ed25519";
    private static final int SEED_BYTES = 32;
    private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PEM_END = "-----END PUBLIC KEY-----";

    private final KeyPair keys;

    private CheckpointSigner(KeyPair keys) {
        this.keys = keys;
    }

    /**
     * The key pair of a 32-byte Ed25519 private key (RFC 8032's seed). JDK 17 has no call that derives the public key
     * from a private one, but its generator draws exactly the seed from the random source it is given.
     */
    public static CheckpointSigner fromSeed(byte[] seed) {
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("An Ed25519 private key is " + SEED_BYTES + " bytes, not " + seed.length);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, bytes.length);
                }
            });
            return new CheckpointSigner(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    public String publicKeyPem() {
        return pem(keys.getPublic());
    }

    /**
     * @param readLog  the read log's head to seal with the store's, or {@code null} for a checkpoint of format 1
     * @param previous the {@link Checkpoint#chainHash} of the checkpoint before (or {@link Checkpoint#FIRST}), or
     *                 {@code null} for a checkpoint of format 1 or 2
     */
    public Checkpoint seal(long id, StoreVerification.Result store, Instant sealedAt, Checkpoint.LogHead readLog,
                           String previous) {
        String digest = StreamHeads.digest(store.heads());
        Checkpoint unsigned = new Checkpoint(id, store.lastPosition(), sealedAt.toString(), store.events(),
                store.heads().size(), digest, keyId(keys.getPublic()), pem(keys.getPublic()), null, store.heads(),
                readLog, previous);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(keys.getPrivate());
            signer.update(unsigned.canonicalText().getBytes(StandardCharsets.UTF_8));
            String signature = Base64.getEncoder().encodeToString(signer.sign());
            return new Checkpoint(unsigned.id(), unsigned.position(), unsigned.sealedAt(), unsigned.events(),
                    unsigned.streams(), digest, unsigned.keyId(), unsigned.publicKey(), signature, unsigned.heads(),
                    readLog, previous);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign checkpoint " + id, e);
        }
    }

    /**
     * Whether the checkpoint was signed by {@code trustedPem} (an auditor's pinned copy of the register's key), and its
     * heads are the ones signed.
     */
    public static boolean holds(Checkpoint checkpoint, String trustedPem) {
        if (checkpoint.signature() == null || !StreamHeads.digest(checkpoint.heads()).equals(checkpoint.headsDigest())) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(parsePem(trustedPem));
            verifier.update(checkpoint.canonicalText().getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(HashChain.sha256().digest(key.getEncoded()));
    }

    public static PublicKey parsePem(String pem) throws GeneralSecurityException {
        String base64 = pem.replace(PEM_BEGIN, "").replace(PEM_END, "").replaceAll("\\s", "");
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String pem(PublicKey key) {
        return PEM_BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n" + PEM_END + "\n";
    }
}
