package ma.crafts.register.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

class KeyDirectoryTest {
    @TempDir
    Path temp;

    private static PlatformProperties bind(String... properties) {
        MockEnvironment environment = new MockEnvironment();
        for (String property : properties) {
            String[] pair = property.split("=", 2);
            environment.setProperty(pair[0], pair[1]);
        }
        return Binder.get(environment).bindOrCreate("register", PlatformProperties.class);
    }

    @Test
    void keysLiveBesideTheDataDirectoryNeverInsideIt() {
        Path data = temp.resolve("data");
        assertThat(bind("register.data-dir=" + data).keyDirectory()).isEqualTo(temp.resolve("data-keys").toAbsolutePath());
        assertThat(bind("register.data-dir=" + data, "register.key-dir=" + temp.resolve("vault")).keyDirectory())
                .isEqualTo(temp.resolve("vault").toAbsolutePath());
    }

    @Test
    void aKeyAnEarlierVersionLeftInTheDataDirectoryIsMovedNotReplaced() throws Exception {
        Path earlier = Files.createDirectories(temp.resolve("data")).resolve("master.key");
        Files.writeString(earlier, "the earlier key\n");
        Path keys = KeyDirectory.prepare(temp.resolve("keys"));
        KeyDirectory.adoptEarlierKey(earlier, keys.resolve("master.key"));
        assertThat(earlier).doesNotExist();
        assertThat(KeyDirectory.readOrCreate(keys.resolve("master.key"), 32).base64()).isEqualTo("the earlier key");
    }

    @Test
    void aCreatedSecretIsReadBackTheSame() throws Exception {
        Path file = KeyDirectory.prepare(temp.resolve("keys")).resolve("dev-token.key");
        KeyDirectory.Secret created = KeyDirectory.readOrCreate(file, 48);
        assertThat(created.created()).isTrue();
        KeyDirectory.Secret again = KeyDirectory.readOrCreate(file, 48);
        assertThat(again.created()).isFalse();
        assertThat(again.base64()).isEqualTo(created.base64());
    }
}
