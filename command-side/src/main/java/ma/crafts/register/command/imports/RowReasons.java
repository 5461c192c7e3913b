package ma.crafts.register.command.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rejected row's reasons in French and Arabic. The reasons are the register's own validation messages, the ones
 * {@code POST /api/v1/artisans} answers with (one rule set); this only words them for the chamber, from the table in
 * {@code imports/reasons.tsv}.
 */
public final class RowReasons {
    private static final String TABLE = "imports/reasons.tsv";

    private record Wording(Pattern message, String fr, String ar) {
    }

    /** One reason: the column it concerns (empty for the whole row) and the register's message. */
    public record Reason(String column, String message) {
    }

    private final List<Wording> wordings;

    private RowReasons(List<Wording> wordings) {
        this.wordings = wordings;
    }

    public static RowReasons load() {
        List<Wording> wordings = new ArrayList<>();
        try (InputStream in = RowReasons.class.getClassLoader().getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + TABLE + " on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length != 3) {
                    throw new IllegalStateException(TABLE + ": expected 3 tab-separated columns in: " + line);
                }
                wordings.add(new Wording(Pattern.compile(columns[0]), columns[1], columns[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RowReasons(wordings);
    }

    public String french(List<Reason> reasons) {
        return join(reasons, true);
    }

    public String arabic(List<Reason> reasons) {
        return join(reasons, false);
    }

    private String join(List<Reason> reasons, boolean french) {
        List<String> worded = new ArrayList<>();
        for (Reason reason : reasons) {
            String text = word(reason.message(), french);
            worded.add(reason.column().isEmpty() ? text : reason.column() + (french ? " : " : ": ") + text);
        }
        return String.join(" | ", worded);
    }

    private String word(String message, boolean french) {
        for (Wording wording : wordings) {
            Matcher matcher = wording.message().matcher(message);
            if (matcher.matches()) {
                // The table's wordings hold no backslash and no '$' but their group references.
                return matcher.replaceFirst(french ? wording.fr() : wording.ar());
            }
        }
        return message;
    }
}
