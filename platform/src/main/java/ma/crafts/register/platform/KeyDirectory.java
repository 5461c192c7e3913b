package ma.crafts.register.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where generated secrets live (the personal-data master key, the dev-token signing key): a directory of their own,
 * outside the data directory, so that a copy of the data (a backup, a disk image, a support bundle) does not carry the
 * key that opens the personal data in it.
 */
public final class KeyDirectory {
    private static final Logger log = LoggerFactory.getLogger(KeyDirectory.class);

    private KeyDirectory() {
    }

    /** A secret read from or written to its file, as base64 text. */
    public record Secret(String base64, boolean created) {
    }

    /**
     * Creates the directory if needed (owner-only where the file system allows) and proves it is writable.
     *
     * @return the absolute, normalised directory
     * @throws PlatformStartupException naming the directory and the reason when it cannot be used
     */
    public static Path prepare(Path configured) {
        Path dir = configured.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(dir)) {
                createOwnerOnly(dir);
            }
            Path probe = Files.createTempFile(dir, ".write-probe", ".tmp");
            Files.delete(probe);
            return dir;
        } catch (IOException | SecurityException e) {
            throw new PlatformStartupException("Key directory " + dir + " is not writable (" + e + ")",
                    "Point KEY_DIR (register.key-dir) at a writable directory outside DATA_DIR, or configure the "
                            + "keys themselves (REGISTER_PRIVACY_MASTER_KEY).", e);
        }
    }

    /**
     * Moves a key that an earlier version kept in the data directory to {@code file}, so that upgrading keeps the
     * personal data readable instead of generating a new key beside the old one.
     */
    public static void adoptEarlierKey(Path earlier, Path file) {
        if (Files.exists(file) || !Files.exists(earlier)) {
            return;
        }
        try {
            Files.move(earlier, file);
            log.warn("Moved {} to {}: keys no longer live in the data directory, so that a copy of the data does not "
                    + "carry the key that opens it", earlier, file);
        } catch (IOException e) {
            throw new PlatformStartupException("Cannot move " + earlier + " to the key directory (" + e + ")",
                    "Move the file by hand, or point KEY_DIR (register.key-dir) at a writable directory.", e);
        }
    }

    /** Reads the secret kept in {@code file}, or creates one of {@code bytes} random bytes there (owner read/write). */
    public static Secret readOrCreate(Path file, int bytes) throws IOException {
        if (Files.exists(file)) {
            warnIfReadableByOthers(file);
            return new Secret(Files.readString(file, StandardCharsets.US_ASCII).trim(), false);
        }
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        String base64 = Base64.getEncoder().encodeToString(random);
        Path temp = createOwnerOnlyTempFile(file.getParent());
        try {
            Files.writeString(temp, base64 + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file);
            return new Secret(base64, true);
        } catch (FileAlreadyExistsException raced) {
            return new Secret(Files.readString(file, StandardCharsets.US_ASCII).trim(), false);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
    }

    private static Path createOwnerOnlyTempFile(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, ".key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(dir, ".key", ".tmp");
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("The key file {} is readable by other users ({}); restrict it with chmod 600", file,
                        PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system: nothing meaningful to check.
        }
    }
}
