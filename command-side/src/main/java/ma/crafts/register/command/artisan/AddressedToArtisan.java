package ma.crafts.register.command.artisan;

/**
 * A command on the record of an artisan already in the register. The artisan aggregate checks the acting region of
 * every such command once, before its handler runs, against the artisan's <em>current</em> region: only the
 * aggregate knows it, and a relocation moves write access to the new region's chamber.
 */
public interface AddressedToArtisan {
    /** The region a chamber clerk is confined to, or null for an actor with national scope. */
    String actingRegion();
}
