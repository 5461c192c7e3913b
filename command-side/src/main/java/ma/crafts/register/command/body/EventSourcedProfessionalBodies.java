package ma.crafts.register.command.body;

import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Reads a body's facts through Axon's repository, i.e. from its event stream (and snapshot), inside the unit of work
 * of the command that asks. The repository is looked up lazily because Axon builds it after the beans that use it.
 */
public class EventSourcedProfessionalBodies implements ProfessionalBodies {
    private final Supplier<Repository<ProfessionalBody>> repository;

    public EventSourcedProfessionalBodies(Supplier<Repository<ProfessionalBody>> repository) {
        this.repository = repository;
    }

    @Override
    public Optional<BodyFacts> find(String bodyId) {
        if (bodyId == null || bodyId.isBlank()) {
            return Optional.empty();
        }
        try {
            BodyFacts facts = repository.get().load(bodyId).invoke(ProfessionalBody::facts);
            return facts.level() == null || !bodyId.equals(facts.bodyId()) ? Optional.empty() : Optional.of(facts);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            // No stream, or another aggregate's stream (e.g. an artisan id given as a body id).
            return Optional.empty();
        }
    }
}
