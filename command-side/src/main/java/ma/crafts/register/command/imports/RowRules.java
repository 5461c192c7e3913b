package ma.crafts.register.command.imports;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import ma.crafts.register.command.imports.RowReasons.Reason;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;

/**
 * What the register answers a row with, as the row's reasons: the bean validation of the request, the field problems
 * of its checks, and the refusals the REST API answers with 403, 404 or 409, each put on the column it concerns.
 */
final class RowRules {
    private RowRules() {
    }

    /**
     * Runs {@code rules} and turns the register's refusals into a rejected row.
     *
     * @param columnOf     the file's column for a request's field path
     * @param refusalColumn the column a refusal (403, 404, 409) is reported against
     */
    static RowOutcome outcome(UnaryOperator<String> columnOf, String refusalColumn, Supplier<RowOutcome> rules) {
        List<Reason> reasons = new ArrayList<>();
        try {
            return rules.get();
        } catch (ConstraintViolationException invalid) {
            for (ConstraintViolation<?> violation : invalid.getConstraintViolations()) {
                reasons.add(new Reason(columnOf.apply(violation.getPropertyPath().toString()), violation.getMessage()));
            }
        } catch (InvalidInputException invalid) {
            invalid.problems().forEach(p -> reasons.add(new Reason(columnOf.apply(p.field()), p.message())));
        } catch (ForbiddenException | NotFoundException | RuleViolationException refused) {
            reasons.add(new Reason(refusalColumn, refused.getMessage()));
        }
        return RowOutcome.rejected(reasons);
    }

    /** The column's date, null when blank; a reason when it is not written yyyy-mm-dd. */
    static LocalDate date(ImportedRow row, String column, List<Reason> reasons) {
        String text = row.value(column);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            reasons.add(new Reason(column, "must be a date written yyyy-mm-dd"));
            return null;
        }
    }
}
