package ma.crafts.register.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Java sources of the module under test. Some rules need them because the compiler leaves nothing in the class
 * file to check: a filter's field name is a string argument, and a constant imported from another class is inlined.
 */
public final class Sources {
    private final Path root;
    private final Map<Path, List<String>> lines = new ConcurrentHashMap<>();

    private Sources(Path root) {
        this.root = root;
    }

    /** The production sources of the module the tests run in (Surefire runs them in the module's directory). */
    public static Sources ofThisModule() {
        Path root = Path.of("src", "main", "java").toAbsolutePath();
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("no production sources at " + root + ": run the test from its module");
        }
        return new Sources(root);
    }

    /** The decision records, {@code docs/adr} at the top of the repository. */
    public static Path decisionRecords() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path adr = dir.resolve("docs").resolve("adr");
            if (Files.isDirectory(adr)) {
                return adr;
            }
        }
        throw new IllegalStateException("no docs/adr above " + Path.of("").toAbsolutePath());
    }

    /** The lines of the file {@code javaClass} was compiled from (nested classes share their top-level class's). */
    public List<String> of(JavaClass javaClass) {
        String fileName = javaClass.getSourceCodeLocation().getSourceFileName();
        Path file = root.resolve(javaClass.getPackageName().replace('.', '/')).resolve(fileName);
        return lines.computeIfAbsent(file, Sources::read);
    }

    /** Line {@code number} (from 1) of the file {@code javaClass} was compiled from, or "" if there is none. */
    public String line(JavaClass javaClass, int number) {
        List<String> all = of(javaClass);
        return number >= 1 && number <= all.size() ? all.get(number - 1) : "";
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the source " + file, e);
        }
    }
}
