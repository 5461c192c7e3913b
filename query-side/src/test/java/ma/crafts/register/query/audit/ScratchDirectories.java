package ma.crafts.register.query.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A query side under test keeps its data, its keys and its checkpoints' copies in a scratch directory of its own: a
 * directory another run left would hand it that run's signing key and checkpoints to import.
 */
final class ScratchDirectories {
    static final String CHECKPOINTS = "checkpoints";
    static final String KEYS = "keys";

    private ScratchDirectories() {
    }

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void register(DynamicPropertyRegistry registry, Path scratch) {
        registry.add("register.data-dir", () -> scratch.resolve("data").toString());
        registry.add("register.key-dir", () -> scratch.resolve(KEYS).toString());
        registry.add("register.audit.checkpoint-dir", () -> scratch.resolve(CHECKPOINTS).toString());
    }
}
