package ma.crafts.register.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import ma.crafts.register.platform.PlatformStartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {
    @TempDir
    Path temp;

    @Test
    void generatedKeyFileIsOwnerOnlyAndReusedOnRestart() throws IOException {
        Path file = temp.resolve("master.key");
        MasterKey created = MasterKey.loadOrCreate(file);
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        MasterKey reloaded = MasterKey.loadOrCreate(file);
        assertThat(reloaded.id()).isEqualTo(created.id());
        try (var leftovers = Files.list(temp)) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void acceptsStandardAndUrlSafeBase64OfThirtyTwoBytes() {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) 0xfb;
        bytes[1] = (byte) 0xff;
        MasterKey standard = MasterKey.fromBase64(Base64.getEncoder().encodeToString(bytes), "test");
        MasterKey urlSafe = MasterKey.fromBase64(Base64.getUrlEncoder().encodeToString(bytes), "test");
        assertThat(urlSafe.id()).isEqualTo(standard.id());
    }

    @Test
    void rejectsWrongLengthAndGarbageClearly() {
        assertThatThrownBy(() -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16]), "register.privacy.master-key"))
                .isInstanceOf(PlatformStartupException.class)
                .hasMessage("The master key in register.privacy.master-key decodes to 16 bytes; it must be exactly 32");
        assertThatThrownBy(() -> MasterKey.fromBase64("not base64 at all!", "register.privacy.master-key"))
                .isInstanceOf(PlatformStartupException.class)
                .hasMessageContaining("not valid base64");
    }

    @Test
    void derivedKeysDependOnTheLabel() {
        MasterKey key = MasterKey.random();
        assertThat(key.derive("a")).isEqualTo(key.derive("a")).isNotEqualTo(key.derive("b")).hasSize(32);
        assertThat(key.toString()).doesNotContain(Base64.getEncoder().encodeToString(key.derive("a")));
    }
}
