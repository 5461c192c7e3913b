package ma.crafts.register.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import ma.crafts.register.eventstore.checkpoint.CheckpointSigner;
import ma.crafts.register.platform.PlatformProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every node of a cluster signs with the key the setting gives, not one of its own; without the setting a node keeps
 * the key it generated in KEY_DIR.
 */
class CheckpointSigningKeyTest {
    @TempDir
    Path temp;

    @Test
    void theConfiguredKey_signs_andNoneIsGenerated() {
        byte[] seed = new SecureRandom().generateSeed(32);
        CheckpointSigner signer = new AuditConfiguration().auditCheckpointSigner(properties("node-1-keys"),
                Base64.getEncoder().encodeToString(seed));
        assertThat(signer.publicKeyPem()).isEqualTo(CheckpointSigner.fromSeed(seed).publicKeyPem());
        assertThat(temp.resolve("node-1-keys").resolve(AuditConfiguration.SIGNING_KEY_FILE)).doesNotExist();
    }

    @Test
    void withoutTheSetting_eachNodeKeepsAKeyOfItsOwn() {
        AuditConfiguration configuration = new AuditConfiguration();
        String first = configuration.auditCheckpointSigner(properties("node-1-keys"), "").publicKeyPem();
        assertThat(configuration.auditCheckpointSigner(properties("node-1-keys"), "").publicKeyPem())
                .as("read back after a restart").isEqualTo(first);
        assertThat(configuration.auditCheckpointSigner(properties("node-2-keys"), "").publicKeyPem()).isNotEqualTo(first);
    }

    private PlatformProperties properties(String keyDir) {
        return new PlatformProperties(temp.resolve("data"), null, null, null, null, null,
                temp.resolve(keyDir).toString(), null);
    }
}
