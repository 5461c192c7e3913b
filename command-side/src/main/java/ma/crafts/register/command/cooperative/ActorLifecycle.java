package ma.crafts.register.command.cooperative;

import ma.crafts.register.command.StatedReason;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.values.ArtisanStatus;

/**
 * Suspension, reinstatement and striking-off of a cooperative or an enterprise, on the artisan's rules: only an ACTIVE
 * actor is suspended, only a SUSPENDED one reinstated, and striking off is final. The rule names follow the artisan's
 * with the actor's kind ({@code enterprise-must-be-active}, {@code cooperative-struck-off}...).
 */
public final class ActorLifecycle {

    private ActorLifecycle() {
    }

    /** A clerk acts on the actors seated in its own region only; an actor with national scope has no acting region. */
    public static void requireWithinRegion(String actingRegion, String actorRegion, String kind) {
        if (actingRegion != null && !actingRegion.equals(actorRegion)) {
            throw new ForbiddenException("A clerk of region " + actingRegion + " may only act on " + kind
                    + "s seated in that region");
        }
    }

    /** The optional reason, stripped; null when none was given. */
    public static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        if (reason.strip().length() > StatedReason.MAX_LENGTH) {
            throw new InvalidInputException("reason", "at most " + StatedReason.MAX_LENGTH + " characters");
        }
        return reason.strip();
    }

    /** Refuses a change to {@code to} that the actor's {@code current} status forbids. */
    public static void requireTransition(ArtisanStatus current, ArtisanStatus to, String kind, String actorId) {
        requireNotStruckOff(current, kind, actorId);
        if (to == ArtisanStatus.SUSPENDED && current != ArtisanStatus.ACTIVE) {
            throw new RuleViolationException(kind + "-must-be-active", "Only an active " + kind + " can be suspended; "
                    + actorId + " is " + current);
        }
        if (to == ArtisanStatus.ACTIVE && current != ArtisanStatus.SUSPENDED) {
            throw new RuleViolationException(kind + "-must-be-suspended", "Only a suspended " + kind
                    + " can be reinstated; " + actorId + " is " + current);
        }
    }

    /** Striking off is final: nothing changes on a struck-off actor. */
    public static void requireNotStruckOff(ArtisanStatus current, String kind, String actorId) {
        if (current == ArtisanStatus.STRUCK_OFF) {
            throw new RuleViolationException(kind + "-struck-off", "The " + kind + " " + actorId
                    + " is struck off, which is final");
        }
    }
}
