package ma.crafts.register.query.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.query.QueryParameters;
import ma.crafts.register.query.QueryParameters.Paging;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * What part of a history a caller asked for: a page of the events recorded between {@code from} and {@code to} (both
 * included, either open) of one {@code type} or of any.
 */
public record HistoryQuery(Paging paging, Instant from, Instant to, String type) {

    /**
     * Parses the query string, naming every malformed parameter in one 400; a {@code type} must be one the actor's
     * stream can hold, so that a misspelt type is an error rather than an empty page.
     */
    public static HistoryQuery parse(String page, String size, String minPosition, String from, String to,
                                     String type, Set<String> knownTypes) {
        List<FieldProblem> problems = new ArrayList<>();
        Paging paging = QueryParameters.paging(problems, page, size, minPosition);
        Instant since = QueryParameters.collecting(problems, () -> QueryParameters.instant("from", from), null);
        Instant until = QueryParameters.collecting(problems, () -> QueryParameters.instant("to", to), null);
        if (since != null && until != null && since.isAfter(until)) {
            problems.add(new FieldProblem("to", "must not be before from"));
        }
        String eventType = QueryParameters.optional(type);
        if (eventType != null && !knownTypes.contains(eventType)) {
            problems.add(new FieldProblem("type", "must be one of " + String.join(", ", new TreeSet<>(knownTypes))));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new HistoryQuery(paging, since, until, eventType);
    }

    boolean matches(DomainEventMessage<?> message) {
        Instant at = message.getTimestamp();
        return (from == null || !at.isBefore(from)) && (to == null || !at.isAfter(to))
                && (type == null || type.equals(message.getPayloadType().getSimpleName()));
    }
}
