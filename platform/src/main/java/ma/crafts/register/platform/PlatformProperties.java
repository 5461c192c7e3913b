package ma.crafts.register.platform;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code register.*} settings shared by every service built on the platform. The defaults here mirror
 * {@code platform-defaults.properties}, so the platform behaves the same when an application replaces that file.
 *
 * @param dataDir     where the embedded store (and, when no master key is configured, the generated master key) lives
 * @param mongodb     MongoDB connection; blank {@code uri} means "run the embedded server"
 * @param auth        how bearer tokens are verified
 * @param http        HTTP limits
 * @param idempotency {@code Idempotency-Key} handling
 * @param privacy     the personal-data vault
 */
@ConfigurationProperties("register")
public record PlatformProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Mongodb mongodb,
        @DefaultValue Auth auth,
        @DefaultValue Http http,
        @DefaultValue Idempotency idempotency,
        @DefaultValue Privacy privacy) {

    /**
     * @param uri      a MongoDB connection string (env {@code MONGODB_URI}); blank starts the embedded server
     * @param database the database name, used when the URI names none
     * @param embedded the embedded server used when {@code uri} is blank
     */
    public record Mongodb(String uri, @DefaultValue("register") String database, @DefaultValue Embedded embedded) {
        public boolean isEmbedded() {
            return isEmbedded(uri);
        }

        /** No connection string means the embedded server. */
        public static boolean isEmbedded(String uri) {
            return uri == null || uri.isBlank();
        }
    }

    /**
     * @param port    TCP port on 127.0.0.1 (env {@code MONGO_PORT}); 0 picks a free one
     * @param backend {@code h2} keeps data in {@code <data-dir>/register.mv}; {@code h2-memory} stores documents the
     *                same way (BSON bytes in an H2 MVStore) but in memory only, a few times more compact than
     *                {@code memory}, mongo-java-server's own in-memory backend; both lose everything on exit
     */
    public record Embedded(@DefaultValue("27017") int port, @DefaultValue("h2") EmbeddedBackend backend) {
    }

    public enum EmbeddedBackend { H2, H2_MEMORY, MEMORY }

    /**
     * @param mode        {@code dev} signs and verifies HS256 tokens locally; {@code issuer} trusts the configured issuer.
     *                    Unset, it follows the store: dev on the embedded MongoDB, issuer on a real one
     *                    ({@link AuthMode#resolve}), so a deployment never hands out tokens by default
     * @param devSecret   HS256 secret for dev mode (at least 32 bytes); blank generates one per start
     * @param devTokenTtl lifetime of tokens issued by {@code POST /api/v1/dev/tokens}
     */
    public record Auth(AuthMode mode, String devSecret, @DefaultValue("PT12H") Duration devTokenTtl) {
    }

    /** The authentication mode in force: the configured one, else what the store implies (see {@link Auth}). */
    public AuthMode authMode() {
        return AuthMode.resolve(auth.mode(), mongodb.uri());
    }

    public enum AuthMode {
        DEV, ISSUER;

        /**
         * The API contract allows dev tokens "in the embedded profile only": anyone can mint a token for any role, so
         * pointed at a real MongoDB the register verifies tokens from an issuer unless told otherwise explicitly.
         */
        public static AuthMode resolve(AuthMode configured, String mongodbUri) {
            if (configured != null) {
                return configured;
            }
            return Mongodb.isEmbedded(mongodbUri) ? DEV : ISSUER;
        }
    }

    /** @param maxBodySize largest request body accepted under {@code /api/v1/**} */
    public record Http(@DefaultValue("64KB") DataSize maxBodySize) {
    }

    /**
     * @param waitTimeout      how long a duplicate request waits for the first one with the same key to finish
     * @param inProgressLease  after this long an unfinished first request is presumed dead (its process crashed) and
     *                         the key may be claimed again; must exceed the slowest legitimate request
     */
    public record Idempotency(@DefaultValue("10s") Duration waitTimeout, @DefaultValue("PT2M") Duration inProgressLease) {
    }

    /**
     * @param masterKey    base64 of 32 random bytes; wraps every per-actor key and derives the CIN fingerprint pepper
     * @param keyCacheSize how many unwrapped per-actor keys to keep in memory
     * @param keyCacheTtl  how long an unwrapped key may be reused before it is read again, which bounds how long
     *                     another process keeps decrypting after an erasure
     */
    public record Privacy(String masterKey, @DefaultValue("10000") int keyCacheSize,
                          @DefaultValue("PT1M") Duration keyCacheTtl) {
    }
}
