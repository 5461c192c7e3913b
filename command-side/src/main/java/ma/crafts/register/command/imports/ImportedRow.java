package ma.crafts.register.command.imports;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.nio.charset.StandardCharsets;

/**
 * One data row of a file: its row number (the header is row 1) and its values by column name. {@code recordId} is
 * the id a record created from it gets, the same every time the row runs, so a row run again after a crash finds
 * what it may already have registered.
 */
public record ImportedRow(String jobId, long number, Map<String, String> values) {

    public String value(String column) {
        String value = values.get(column);
        return value == null || value.isBlank() ? null : value;
    }

    public String recordId() {
        return UUID.nameUUIDFromBytes((jobId + "/" + number).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The values in the order of {@code columns}, blanks as empty strings. */
    public List<String> ordered(List<String> columns) {
        return columns.stream().map(column -> values.getOrDefault(column, "")).toList();
    }
}
