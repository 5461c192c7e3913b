package ma.crafts.register.query.projection;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How far one projection has got.
 *
 * @param generation the generation serving reads
 * @param position   global position applied by the generation being rebuilt, or else by the serving one
 * @param head       the store's head: its highest position taken (-1 when empty); positions closed without an event
 *                   count, so an idle projection may stay a little short of it
 * @param rate       events applied per second, measured over the last seconds
 * @param eta        seconds until a rebuild reaches the generation it replaces, or until a serving generation reaches
 *                   {@code head}, at that rate; 0 when there, null when nothing moves
 */
public record ProjectionProgress(
        String name,
        @Schema(allowableValues = {"LIVE", "REBUILDING"}) String status,
        int generation,
        long position,
        long head,
        @Schema(description = "Events per second") double rate,
        @Schema(description = "Seconds to reach the head at the current rate", nullable = true) Long eta) {

    public static final String LIVE = "LIVE";
    public static final String REBUILDING = "REBUILDING";
}
