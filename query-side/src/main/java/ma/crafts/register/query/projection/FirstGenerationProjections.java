package ma.crafts.register.query.projection;

import ma.crafts.register.query.mongo.CollectionNames;
import ma.crafts.register.query.projection.mongo.ProjectionGenerations;
import java.util.List;
import ma.crafts.register.query.QueryProcessors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;

/**
 * The shared processor's one event handler: it hands each event to generation 0 of every projection, for as long as
 * generation 0 is the one serving reads. Once a rebuild has switched a projection to a later generation, that
 * generation's own processor maintains it and the shared processor leaves it alone. One handler rather than one per
 * projection, because Axon fixes a processor's handlers at start-up and this choice changes at run time.
 */
@ProcessingGroup(QueryProcessors.ARTISAN_PROJECTIONS)
public class FirstGenerationProjections {

    private record Handler(String projection, AnnotationEventHandlerAdapter adapter) {
    }

    private final List<Handler> handlers;
    private final ProjectionGenerations generations;

    public FirstGenerationProjections(List<RebuildableProjection> projections, ProjectionGenerations generations) {
        this(QueryProcessors.ARTISAN_PROJECTIONS, projections, generations);
    }

    /** The handler of {@code processor}: the projections whose generation 0 that processor maintains. */
    protected FirstGenerationProjections(String processor, List<RebuildableProjection> projections,
                                         ProjectionGenerations generations) {
        this.handlers = projections.stream().filter(p -> processor.equals(p.firstGenerationProcessor()))
                .map(p -> new Handler(p.name(),
                new AnnotationEventHandlerAdapter(p.handler().apply(CollectionNames.FIRST_GENERATION)))).toList();
        this.generations = generations;
    }

    @EventHandler
    public void on(EventMessage<?> message) throws Exception {
        for (Handler handler : handlers) {
            if (servedFromFirstGeneration(handler) && handler.adapter().canHandle(message)) {
                handler.adapter().handle(message);
            }
        }
    }

    /** A reset of the shared processor replays the projections it maintains, from an empty generation 0. */
    @ResetHandler
    public void reset() {
        for (Handler handler : handlers) {
            if (servedFromFirstGeneration(handler)) {
                handler.adapter().prepareReset();
            }
        }
    }

    private boolean servedFromFirstGeneration(Handler handler) {
        return generations.current(handler.projection()).live() == 0;
    }
}
