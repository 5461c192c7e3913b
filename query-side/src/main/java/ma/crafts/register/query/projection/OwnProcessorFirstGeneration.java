package ma.crafts.register.query.projection;

import java.util.List;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.projection.mongo.ProjectionGenerations;
import org.axonframework.config.ProcessingGroup;

/**
 * Generation 0 of the projections no read waits for with {@code ?minPosition} (the statistics), on a processor of
 * their own: their batches then never delay the views a clerk reads back after a command.
 */
@ProcessingGroup(QueryProcessors.STATISTICS_PROJECTIONS)
public class OwnProcessorFirstGeneration extends FirstGenerationProjections {

    public OwnProcessorFirstGeneration(List<RebuildableProjection> projections, ProjectionGenerations generations) {
        super(QueryProcessors.STATISTICS_PROJECTIONS, projections, generations);
    }
}
