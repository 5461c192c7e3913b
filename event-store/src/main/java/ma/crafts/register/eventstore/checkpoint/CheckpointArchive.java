package ma.crafts.register.eventstore.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sealed checkpoints as JSON files ({@code checkpoint-<id>.json}, the very file an auditor exports) in a directory
 * outside the database and outside DATA_DIR: the sealing node's copy of the series {@link CheckpointRecords} keeps,
 * which restoring or editing the database cannot take back.
 */
public final class CheckpointArchive {
    private static final Pattern FILE_NAME = Pattern.compile("checkpoint-(\\d+)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;

    public CheckpointArchive(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The ids of the stored checkpoints, oldest first. */
    public List<Long> ids() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> FILE_NAME.matcher(file.getFileName().toString())).filter(Matcher::matches)
                    .map(match -> Long.parseLong(match.group(1))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list checkpoints in " + directory, e);
        }
    }

    public Optional<Checkpoint> read(long id) {
        Path file = fileOf(id);
        return Files.exists(file) ? Optional.of(readFile(file)) : Optional.empty();
    }

    /** Writes the checkpoint whole or not at all: a reader never sees half a file. */
    public Path store(Checkpoint checkpoint) {
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, ".checkpoint", ".tmp");
            JSON.writeValue(temp.toFile(), checkpoint);
            return Files.move(temp, fileOf(checkpoint.id()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store checkpoint " + checkpoint.id() + " in " + directory, e);
        }
    }

    /**
     * Moves a checkpoint's file into the subdirectory {@code folder}, out of the series this directory copies, so that
     * a checkpoint of the series stored later under the same id does not replace it.
     */
    public Path setAside(long id, String folder) {
        try {
            Path aside = Files.createDirectories(directory.resolve(folder));
            return Files.move(fileOf(id), aside.resolve(fileOf(id).getFileName()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move checkpoint " + id + " into " + directory.resolve(folder), e);
        }
    }

    public Path fileOf(long id) {
        return directory.resolve("checkpoint-" + id + ".json");
    }

    public static Checkpoint readFile(Path file) {
        try {
            return JSON.readValue(file.toFile(), Checkpoint.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the checkpoint " + file, e);
        }
    }

    public static byte[] toJson(Checkpoint checkpoint) {
        try {
            return JSON.writeValueAsBytes(checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write checkpoint " + checkpoint.id() + " as JSON", e);
        }
    }
}
