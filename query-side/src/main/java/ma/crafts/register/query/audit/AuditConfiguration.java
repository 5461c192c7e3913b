package ma.crafts.register.query.audit;

import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.checkpoint.CheckpointArchive;
import ma.crafts.register.eventstore.checkpoint.CheckpointRecords;
import ma.crafts.register.eventstore.checkpoint.CheckpointSigner;
import ma.crafts.register.platform.DataDirectory;
import ma.crafts.register.platform.KeyDirectory;
import ma.crafts.register.platform.PlatformProperties;
import ma.crafts.register.platform.lease.Lease;
import ma.crafts.register.platform.lease.LeaseDocument;
import ma.crafts.register.query.audit.mongo.VerificationRecords;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auditor's verification and checkpoints. Settings: {@code register.audit.checkpoint-dir} (env
 * {@code CHECKPOINT_DIR}; default {@code <data-dir>-checkpoints}, beside the data directory so that restoring or
 * copying the data never carries the copies of the checkpoints with it), {@code register.audit.checkpoint-interval}
 * (default 24h; 0 seals only on demand), {@code register.audit.checkpoint-lease-term} (default 60s: how long a node
 * that stopped renewing its turn at sealing keeps the others from sealing, and how long an on-demand seal waits for
 * another node's), {@code register.audit.verification-save-interval} (default 10s: how often a running
 * verification of the whole store keeps where it stands, for a restart to carry it on) and
 * {@code register.audit.verification-lease-term} (default 60s: how long after its node died another node takes over a
 * running verification). The signing key is an Ed25519
 * private key generated once in KEY_DIR ({@code checkpoint-signing.key}, beside the master key, outside DATA_DIR); in
 * a cluster every node mounts the same file (deploy/README.md); back it up with the master key, and publish its public
 * key (any checkpoint carries it) where auditors can pin it.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {
    static final String SIGNING_KEY_FILE = "checkpoint-signing.key";
    /** The collection, and the one document in it, where the nodes take turns at sealing. */
    static final String SEALING_LEASE = "checkpoint_sealing";
    /** The default checkpoint directory is the data directory's name with this suffix, beside it. */
    private static final String CHECKPOINT_DIR_SUFFIX = "-checkpoints";
    private static final int ED25519_PRIVATE_KEY_BYTES = 32;
    /** This register, as the holder of the leases it takes (one per context: tests run several in one JVM). */
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID();

    /**
     * The signing key given as a setting ({@code register.audit.checkpoint-signing-key}, env
     * {@code REGISTER_AUDIT_CHECKPOINT_SIGNING_KEY}: the 32-byte private key in base64, as the file holds it), which is
     * how a cluster hands every node the same key from one secret; else the file in KEY_DIR.
     */
    @Bean
    public CheckpointSigner auditCheckpointSigner(PlatformProperties properties,
                                                  @Value("${register.audit.checkpoint-signing-key:}") String configured) {
        if (!configured.isBlank()) {
            return CheckpointSigner.fromSeed(Base64.getDecoder().decode(configured.trim()));
        }
        Path file = KeyDirectory.prepare(properties.keyDirectory()).resolve(SIGNING_KEY_FILE);
        try {
            return CheckpointSigner.fromSeed(Base64.getDecoder().decode(
                    KeyDirectory.readOrCreate(file, ED25519_PRIVATE_KEY_BYTES).base64()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the checkpoint signing key " + file, e);
        }
    }

    @Bean
    public CheckpointArchive auditCheckpointArchive(PlatformProperties properties,
                                                    @Value("${register.audit.checkpoint-dir:${CHECKPOINT_DIR:}}") String configured) {
        if (!configured.isBlank()) {
            return new CheckpointArchive(Path.of(configured.trim()).toAbsolutePath().normalize());
        }
        return new CheckpointArchive(DataDirectory.sibling(properties.dataDir(), CHECKPOINT_DIR_SUFFIX));
    }

    @Bean(destroyMethod = "close")
    public SealedCheckpoints auditSealedCheckpoints(MongoEventStorageEngine engine, PersonalDataReadLog readLog,
                                                    CheckpointSigner signer, CheckpointArchive archive,
                                                    MongoDatabase database,
                                                    @Value("${register.audit.checkpoint-interval:24h}") Duration interval,
                                                    @Value("${register.audit.checkpoint-lease-term:60s}")
                                                    Duration leaseTerm) {
        return new SealedCheckpoints(engine, readLog, signer, new CheckpointRecords(database), archive,
                new Lease(node, leaseTerm), new LeaseDocument(database.getCollection(SEALING_LEASE), SEALING_LEASE),
                Clock.systemUTC(), interval);
    }

    @Bean(destroyMethod = "close")
    public StoreVerifications auditStoreVerifications(MongoEventStorageEngine engine, SealedCheckpoints checkpoints,
                                                      MongoDatabase database,
                                                      @Value("${register.audit.verification-save-interval:10s}")
                                                      Duration saveInterval,
                                                      @Value("${register.audit.verification-lease-term:60s}")
                                                      Duration leaseTerm) {
        return new StoreVerifications(engine, checkpoints, new VerificationRecords(database), new Lease(node, leaseTerm),
                saveInterval, Clock.systemUTC());
    }
}
