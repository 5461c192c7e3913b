package ma.crafts.register.query.projection;

import ma.crafts.register.query.mongo.CollectionNames;
import java.util.List;
import java.util.function.Function;

/**
 * A projection that can be rebuilt into a new generation of its collections.
 *
 * @param name        the name the admin API uses
 * @param collections the base names of every collection it writes, dropped with a retired generation
 * @param handler     creates the event handler that writes the generation the names designate
 */
public record RebuildableProjection(String name, List<String> collections, Function<CollectionNames, Object> handler) {
    public RebuildableProjection {
        collections = List.copyOf(collections);
    }
}
