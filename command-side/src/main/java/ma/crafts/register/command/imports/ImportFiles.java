package ma.crafts.register.command.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A job's files under {@code DATA_DIR/imports/{id}/}: the upload as it arrived ({@code upload}) and the rejected rows
 * ({@code errors.csv}). An upload over HTTP is spooled to disk by the servlet container and moved here, never held in
 * memory; a file the command line names is copied here.
 */
public class ImportFiles {
    public static final String CSV = "csv";
    public static final String XLSX = "xlsx";
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    /** The upload on disk: its size and SHA-256, and whether it is a CSV or an .xlsx file. */
    public record Spooled(Path path, long size, String sha256, String format) {
    }

    private final Path root;

    public ImportFiles(Path root) {
        this.root = root;
    }

    Path upload(String jobId) {
        return root.resolve(jobId).resolve("upload");
    }

    Path errors(String jobId) {
        return root.resolve(jobId).resolve("errors.csv");
    }

    /** Whether this machine holds the job's upload: a job the command line ran elsewhere has it on that machine. */
    boolean hasUpload(String jobId) {
        return Files.isRegularFile(upload(jobId));
    }

    Spooled spool(String jobId, Imports.Upload file) throws IOException {
        Path target = upload(jobId);
        Files.createDirectories(target.getParent());
        file.transferTo(target);
        byte[] head = new byte[ZIP_MAGIC.length];
        int headLength;
        try (InputStream in = Files.newInputStream(target)) {
            headLength = in.readNBytes(head, 0, head.length);
        }
        String name = file.fileName() == null ? "" : file.fileName().toLowerCase(Locale.ROOT);
        boolean zip = headLength == ZIP_MAGIC.length && Arrays.equals(head, ZIP_MAGIC);
        String sha256;
        try (InputStream in = Files.newInputStream(target)) {
            sha256 = digest(in);
        }
        return new Spooled(target, Files.size(target), sha256,
                zip || name.endsWith(".xlsx") ? XLSX : CSV);
    }

    /** The job's rows: CSV in its encoding, or the first sheet of an .xlsx file. */
    RowSource open(ImportJob job) throws IOException {
        Path upload = upload(job.id());
        if (XLSX.equals(job.format())) {
            return new XlsxRows(upload, Files.size(upload));
        }
        return new CsvRows(upload, ImportEncoding.detect(upload, ImportEncoding.parse(job.encoding()).orElse(null)));
    }

    /** Removes what a refused upload left, so that a refused request stores nothing. */
    void discard(String jobId) {
        Path dir = root.resolve(jobId);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The upload's SHA-256, read as a stream. */
    String digest(Imports.Upload file) throws IOException {
        try (InputStream in = file.open()) {
            return digest(in);
        }
    }

    private static String digest(InputStream in) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        try (DigestInputStream digesting = new DigestInputStream(in, sha256)) {
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
