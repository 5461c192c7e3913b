package ma.crafts.register.query.projection;

import java.util.List;
import java.util.function.Function;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.mongo.CollectionNames;

/**
 * A projection that can be rebuilt into a new generation of its collections.
 *
 * @param name                     the name the admin API uses
 * @param collections              the base names of every collection it writes, dropped with a retired generation
 * @param handler                  creates the event handler that writes the generation the names designate
 * @param firstGenerationProcessor the processor that maintains generation 0: the shared one, which {@code ?minPosition}
 *                                 waits for, or one of the projection's own when no read waits for it
 */
public record RebuildableProjection(String name, List<String> collections, Function<CollectionNames, Object> handler,
                                    String firstGenerationProcessor) {
    public RebuildableProjection {
        collections = List.copyOf(collections);
    }

    /** A projection whose generation 0 the shared processor maintains. */
    public RebuildableProjection(String name, List<String> collections, Function<CollectionNames, Object> handler) {
        this(name, collections, handler, QueryProcessors.ARTISAN_PROJECTIONS);
    }
}
