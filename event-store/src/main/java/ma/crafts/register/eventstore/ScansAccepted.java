package ma.crafts.register.eventstore;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks code that sends MongoDB a filter other than a bare {@code _id} (or unique single-field index) equality or
 * {@code $in}: the embedded mongo-java-server answers such a filter by reading the whole collection (ADR 0001). The
 * architecture tests accept a scan only where this says which decision allows it and why it stays cheap.
 *
 * <p>It lives here, not in the platform, because the event store is the lowest module that speaks MongoDB and every
 * module that queries it, apart from the platform itself, already depends on it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface ScansAccepted {
    /** The number of the decision record under {@code docs/adr/} that allows this scan, e.g. {@code "0001"}. */
    String adr();

    /** Why this scan is acceptable: how large the scanned collection can grow, and how often the code runs. */
    String why();
}
