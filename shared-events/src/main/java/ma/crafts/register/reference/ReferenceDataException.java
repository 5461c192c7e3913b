package ma.crafts.register.reference;

import java.util.List;

/**
 * Reference data (geography or nomenclature) could not be read or is inconsistent. Thrown at start-up so that a
 * service never runs on a half-valid list; the message names the source and every problem found.
 */
public class ReferenceDataException extends IllegalStateException {
    private final List<String> problems;

    public ReferenceDataException(String source, List<String> problems) {
        super("Invalid reference data in " + source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ReferenceDataException(String source, String problem, Throwable cause) {
        super("Cannot read reference data from " + source + ": " + problem, cause);
        this.problems = List.of(problem);
    }

    public List<String> problems() {
        return problems;
    }
}
