package ma.crafts.register.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code register.*} settings shared by every service built on the platform. The defaults here mirror
 * {@code platform-defaults.properties}, so the platform behaves the same when an application replaces that file.
 *
 * @param dataDir     where the embedded store lives
 * @param mongodb     MongoDB connection; blank {@code uri} means "run the embedded server"
 * @param auth        how bearer tokens are verified
 * @param http        HTTP limits
 * @param idempotency {@code Idempotency-Key} handling
 * @param privacy     the personal-data vault
 * @param metrics     who may read the metrics
 * @param keyDir      where generated keys live (the master key when none is configured, the dev-token key); blank
 *                    means {@code <data-dir>-keys} beside the data directory, never inside it (see {@link #keyDirectory})
 */
@ConfigurationProperties("register")
public record PlatformProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Mongodb mongodb,
        @DefaultValue Auth auth,
        @DefaultValue Http http,
        @DefaultValue Idempotency idempotency,
        @DefaultValue Privacy privacy,
        String keyDir,
        @DefaultValue Metrics metrics) {

    /** The key directory in force: the configured one, else {@code <data-dir>-keys}, a sibling of the data dir. */
    public Path keyDirectory() {
        if (keyDir != null && !keyDir.isBlank()) {
            return Path.of(keyDir.trim()).toAbsolutePath().normalize();
        }
        return DataDirectory.sibling(dataDir, "-keys");
    }

    /**
     * @param uri      a MongoDB connection string (env {@code MONGODB_URI}); blank starts the embedded server
     * @param database the database name, used when the URI names none
     * @param embedded the embedded server used when {@code uri} is blank
     * @param timeouts how long the client waits for MongoDB before a request fails with 503
     */
    public record Mongodb(String uri, @DefaultValue("register") String database, @DefaultValue Embedded embedded,
                          @DefaultValue Timeouts timeouts) {
        public boolean isEmbedded() {
            return isEmbedded(uri);
        }

        /** The embedded server on a memory backend: everything, tokens included, is gone after a restart. */
        public boolean forgetsOnExit() {
            return isEmbedded() && embedded.backend() != EmbeddedBackend.H2;
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
     * The driver's defaults (30 s to select a server, no read timeout) would hold a request, and its Tomcat thread,
     * for half a minute or forever while MongoDB is away. Options set in the connection string win over these.
     *
     * @param connect         opening a connection
     * @param serverSelection finding a usable server, which is what a request waits for while MongoDB is down
     * @param socketRead      one reply on an open connection: bounds a server that stopped answering without closing
     * @param healthCacheTtl  how long {@code /actuator/health} reuses its last ping, so probes never pile up on MongoDB
     */
    public record Timeouts(@DefaultValue("2s") Duration connect, @DefaultValue("2s") Duration serverSelection,
                           @DefaultValue("10s") Duration socketRead, @DefaultValue("2s") Duration healthCacheTtl) {
    }

    /**
     * @param mode           {@code dev} signs and verifies HS256 tokens locally; {@code issuer} (also when unset)
     *                       trusts the configured issuer. Dev tokens give anyone any role, so they are never implied:
     *                       only {@code REGISTER_AUTH_MODE=dev} switches them on
     * @param devSecret      HS256 secret for dev mode (at least 32 bytes); blank keeps a generated one in the key
     *                       directory (a fresh one per start when the store itself is in memory)
     * @param devTokenTtl    lifetime of tokens issued by {@code POST /api/v1/dev/tokens}
     * @param devAllowRemote dev mode listens on a loopback address only, unless this is true
     *                       ({@code REGISTER_DEV_ALLOW_REMOTE})
     * @param audience       issuer mode: the {@code aud} a token must name, so that a token the same issuer minted
     *                       for another service is refused here ({@code REGISTER_AUTH_AUDIENCE})
     * @param authorizedParties issuer mode: the client ids ({@code azp}) whose tokens are accepted; empty accepts any
     *                       client of the issuer ({@code REGISTER_AUTH_AUTHORIZED_PARTIES}, comma-separated)
     */
    public record Auth(AuthMode mode, String devSecret, @DefaultValue("PT12H") Duration devTokenTtl,
                       boolean devAllowRemote, @DefaultValue("crafts-register") String audience,
                       @DefaultValue List<String> authorizedParties) {
    }

    /** The authentication mode in force: the configured one, else {@code issuer}. */
    public AuthMode authMode() {
        return AuthMode.orIssuer(auth.mode());
    }

    public enum AuthMode {
        DEV, ISSUER;

        /** Unset means issuer: a register never hands out tokens unless told to explicitly. */
        public static AuthMode orIssuer(AuthMode configured) {
            return configured == null ? ISSUER : configured;
        }
    }

    /**
     * @param maxBodySize      largest request body accepted under {@code /api/v1/**}
     * @param maxUploadSize    largest {@code multipart/form-data} upload (a bulk import's file), spooled to disk
     * @param publicRateLimit  how often one client address may call the paths open without a token
     */
    public record Http(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("1GB") DataSize maxUploadSize,
                       @DefaultValue PublicRateLimit publicRateLimit) {
    }

    /**
     * @param perSecond  requests a second one address may keep up
     * @param burst      requests one address may send at once after being idle
     * @param maxClients addresses remembered at once (about 100 bytes each)
     */
    public record PublicRateLimit(@DefaultValue("20") int perSecond, @DefaultValue("40") int burst,
                                  @DefaultValue("100000") int maxClients) {
    }

    /**
     * @param waitTimeout      how long a duplicate request waits for the first one with the same key to finish
     * @param inProgressLease  after this long an unfinished first request is presumed stuck: a repeat stops waiting
     *                         and is told its outcome is unknown (it is never run again under the same key)
     * @param ttl              how long a key is remembered after its first request started; must exceed the lease
     * @param cleanupInterval  how often expired keys are deleted where the server has no TTL monitor (embedded)
     */
    public record Idempotency(@DefaultValue("10s") Duration waitTimeout, @DefaultValue("PT2M") Duration inProgressLease,
                              @DefaultValue("PT24H") Duration ttl, @DefaultValue("PT10M") Duration cleanupInterval) {
        public Idempotency {
            if (ttl.compareTo(inProgressLease) <= 0) {
                throw new IllegalArgumentException("register.idempotency.ttl (" + ttl
                        + ") must exceed register.idempotency.in-progress-lease (" + inProgressLease + ")");
            }
        }
    }

    /**
     * @param scrapeToken a static bearer secret (at least 32 characters) accepted on {@code /actuator/prometheus} only,
     *                    for a scraper that cannot renew JWTs ({@code REGISTER_METRICS_SCRAPE_TOKEN}); blank: none
     */
    public record Metrics(String scrapeToken) {
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
