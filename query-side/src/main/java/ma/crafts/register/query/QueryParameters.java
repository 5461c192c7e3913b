package ma.crafts.register.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;

/**
 * Parses query-string parameters by hand so that every malformed value becomes the same 400 validation problem naming
 * the parameter, whatever Spring's binder would have said.
 */
public final class QueryParameters {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    private QueryParameters() {
    }

    /** {@code ?minPosition}: absent, or a whole number of at least 0. */
    public static Long minPosition(String raw) {
        if (raw == null) {
            return null;
        }
        long value = wholeNumber("minPosition", raw);
        if (value < 0) {
            throw new InvalidInputException("minPosition", "must be at least 0");
        }
        return value;
    }

    /**
     * The instants a parameter may name: years 0000 to 9999. Further out, an instant has no calendar day in the
     * register's zone, and turning it into one (the eligibility rules do) would fail instead of answering.
     */
    private static final Instant EARLIEST_INSTANT = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** {@code ?asOf}: absent, or an ISO-8601 instant such as {@code 2025-03-01T10:00:00Z} (an offset is accepted). */
    public static Instant asOf(String raw) {
        return instant("asOf", raw);
    }

    /**
     * An instant parameter such as {@code ?asOf}, {@code ?from} or {@code ?to}: absent, or an ISO-8601 instant such as
     * {@code 2025-03-01T10:00:00Z} (an offset is accepted) between the years 0000 and 9999.
     */
    public static Instant instant(String field, String raw) {
        if (raw == null) {
            return null;
        }
        Instant instant = parseInstant(field, raw.trim());
        if (instant.isBefore(EARLIEST_INSTANT) || instant.isAfter(LATEST_INSTANT)) {
            throw new InvalidInputException(field, "must be between the years 0000 and 9999");
        }
        return instant;
    }

    private static Instant parseInstant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(field, "must be an ISO-8601 instant such as 2025-03-01T10:00:00Z");
            }
        }
    }

    /** {@code ?page}: 0-based, default 0. */
    public static int page(String raw) {
        if (raw == null) {
            return 0;
        }
        long value = wholeNumber("page", raw);
        if (value < 0 || value > Integer.MAX_VALUE / MAX_PAGE_SIZE) {
            throw new InvalidInputException("page", "must be between 0 and " + Integer.MAX_VALUE / MAX_PAGE_SIZE);
        }
        return (int) value;
    }

    /** {@code ?size}: 1 to 100, default 20. */
    public static int size(String raw) {
        if (raw == null) {
            return DEFAULT_PAGE_SIZE;
        }
        long value = wholeNumber("size", raw);
        if (value < 1 || value > MAX_PAGE_SIZE) {
            throw new InvalidInputException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return (int) value;
    }

    /** A path identifier (artisan id, card number): bounded and free of characters no identifier contains. */
    public static String identifier(String field, String raw) {
        if (raw == null || !IDENTIFIER.matcher(raw).matches()) {
            throw new InvalidInputException(field, "is not a valid identifier");
        }
        return raw;
    }

    /** The paging parameters of a listing, parsed. */
    public record Paging(int page, int size, Long minPosition) {
    }

    /** {@code ?page}, {@code ?size} and {@code ?minPosition}, each problem added to {@code problems}. */
    public static Paging paging(List<FieldProblem> problems, String page, String size, String minPosition) {
        return new Paging(collecting(problems, () -> page(page), 0),
                collecting(problems, () -> size(size), DEFAULT_PAGE_SIZE),
                collecting(problems, () -> minPosition(minPosition), null));
    }

    /** A filter parameter: absent when null or blank, else trimmed. */
    public static String optional(String raw) {
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    /**
     * Parses one parameter, adding its problems to {@code problems} and answering {@code fallback} instead of
     * throwing, so that one 400 can name every malformed parameter of a request.
     */
    public static <T> T collecting(List<FieldProblem> problems, Supplier<T> parse, T fallback) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
            return fallback;
        }
    }

    private static long wholeNumber(String field, String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
    }
}
