package ma.crafts.register.platform;

/**
 * A misconfiguration or environment problem that must stop the service from starting. {@link #getMessage()} is one
 * line an operator can act on; {@link #action()} says what to change. {@link PlatformStartupFailureAnalyzer} prints
 * both instead of a stack trace.
 */
public class PlatformStartupException extends RuntimeException {
    private final String action;

    public PlatformStartupException(String description, String action) {
        this(description, action, null);
    }

    public PlatformStartupException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
