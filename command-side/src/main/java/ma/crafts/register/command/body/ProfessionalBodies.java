package ma.crafts.register.command.body;

import java.util.Optional;

/**
 * Looks up a professional body's facts for command handlers of other aggregates. The implementation reads the body's
 * own event stream, never a read model, so a decision cannot be taken on a lagging projection.
 */
public interface ProfessionalBodies {
    Optional<BodyFacts> find(String bodyId);
}
