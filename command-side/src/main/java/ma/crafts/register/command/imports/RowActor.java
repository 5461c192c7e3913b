package ma.crafts.register.command.imports;

import org.springframework.security.core.context.SecurityContext;

/**
 * Who a job's rows act as: the caller who started the job (its {@code recordedBy}), as a chamber clerk of the row's
 * region. The job's access was decided when it was started (a clerk its own region, the administrator any); each row
 * then goes through the register's rules exactly as a clerk's request would, on a worker thread that has no request.
 * The feature's edge ({@link ImportConfiguration}) builds the security context.
 */
@FunctionalInterface
public interface RowActor {
    SecurityContext clerkOf(String subject, String regionCode);
}
