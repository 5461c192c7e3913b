package ma.crafts.register.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The on-disk home of the embedded store and of a generated master key. */
public final class DataDirectory {
    private DataDirectory() {
    }

    /**
     * A directory beside the data directory, {@code <data-dir><suffix>}: where what must not travel with a copy of the
     * data lives (keys, checkpoints).
     */
    public static Path sibling(Path dataDir, String suffix) {
        Path data = dataDir.toAbsolutePath().normalize();
        Path name = data.getFileName();
        return data.resolveSibling((name == null ? "register" : name.toString()) + suffix);
    }

    /**
     * Creates the directory if needed and proves it is writable by writing and deleting a probe file; a permission
     * check alone is not enough because it says yes to root even on a read-only mount.
     *
     * @return the absolute, normalised directory
     * @throws PlatformStartupException naming the directory and the reason when it cannot be used
     */
    public static Path prepare(Path configured) {
        Path dir = configured.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-probe", ".tmp");
            Files.delete(probe);
            return dir;
        } catch (IOException | SecurityException e) {
            throw new PlatformStartupException(
                    "Data directory " + dir + " is not writable (" + describe(e) + ")",
                    "Point DATA_DIR (register.data-dir) at a writable directory, fix its permissions, "
                            + "or set MONGODB_URI to use an external MongoDB.", e);
        }
    }

    private static String describe(Exception e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
