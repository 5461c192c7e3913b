package ma.crafts.register.command.imports;

import java.util.List;
import java.util.Set;

/**
 * One kind of import: its columns, template, and how a row becomes the same command the REST API sends, checked by
 * the same rules. A new kind is one more implementation.
 */
public interface RowMapper {

    ImportKind kind();

    /** The columns, in template order; a file needs every one in its header (in any order, extra columns ignored). */
    List<String> columns();

    /** The template's example row, in {@link #columns()} order. */
    List<String> example();

    /** Columns holding personal data, masked in the errors file. */
    Set<String> personalColumns();

    /** The region a row's record belongs to, or null when the row names none (or an unknown place). */
    String regionOf(ImportedRow row);

    /**
     * Checks the row and, unless {@code dryRun}, registers it. Runs with the job's caller as a clerk of the row's
     * region in the security context, so the register's access rules and event metadata apply as over the API.
     */
    RowOutcome apply(ImportedRow row, boolean dryRun);
}
