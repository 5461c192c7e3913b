package ma.crafts.register.command.imports;

/**
 * The region a row's clerk acts for (the one {@link RowActor} made it a clerk of), read where a row names a record by
 * something else than its id: a clerk must learn nothing of another region's records. The feature's edge
 * ({@link ImportConfiguration}) reads it from the security context.
 */
@FunctionalInterface
interface ActingRegion {
    /** Null when the row's clerk has none, which names no record. */
    String current();
}
