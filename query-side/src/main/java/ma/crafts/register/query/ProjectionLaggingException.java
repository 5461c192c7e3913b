package ma.crafts.register.query;

/**
 * A read asked for {@code ?minPosition=n} and the projection had not applied position n within the wait limit, or the
 * read was not allowed to wait for it (no token, or too many reads waiting already).
 */
public class ProjectionLaggingException extends RuntimeException {

    private final String processor;
    private final long minPosition;

    public ProjectionLaggingException(String processor, long minPosition, long waitedMillis, String advice) {
        super("The read model has not yet applied position " + minPosition + " after waiting " + waitedMillis
                + " ms; " + advice);
        this.processor = processor;
        this.minPosition = minPosition;
    }

    public String processor() {
        return processor;
    }

    public long minPosition() {
        return minPosition;
    }
}
