package ma.crafts.register.errors;

/** A command was well-formed but the register's rules forbid it in the current state (HTTP 409 rule-violation). */
public class RuleViolationException extends RuntimeException {
    private final String rule;

    public RuleViolationException(String rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    /** A stable, machine-readable rule name such as {@code artisan-must-be-active}. */
    public String rule() {
        return rule;
    }
}
