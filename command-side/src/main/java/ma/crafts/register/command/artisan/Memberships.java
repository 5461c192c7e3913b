package ma.crafts.register.command.artisan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import ma.crafts.register.command.body.BodyFacts;
import ma.crafts.register.command.body.ProfessionalBodies;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded.Cause;
import ma.crafts.register.values.SealedText;

/**
 * An artisan's memberships of provincial professional bodies, at most one per branch (Law 50.17 art. 11), and the
 * rules of joining and leaving. Like {@link Card}, an entity of the artisan aggregate: it names the events a
 * membership command leads to, and changes only in the aggregate's event-sourcing handlers.
 */
final class Memberships {

    /** A membership of a provincial professional body. */
    record Membership(String bodyId, String branchCode, LocalDate since) {
    }

    /** Branch code → membership; a snapshot holds this map alone, as it did before memberships had their class. */
    @JsonValue
    private final Map<String, Membership> byBranch;

    Memberships() {
        this(Map.of());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    Memberships(Map<String, Membership> byBranch) {
        this.byBranch = new LinkedHashMap<>(byBranch);
    }

    /** The artisan joins {@code body}, which must be of a branch it has no body for yet. */
    ArtisanJoinedProfessionalBody joining(String artisanId, BodyFacts body, LocalDate today) {
        Membership current = byBranch.get(body.branchCode());
        if (current != null) {
            throw new RuleViolationException("one-body-per-branch", "Artisan " + artisanId
                    + " is already a member of body " + current.bodyId() + " for branch " + body.branchCode());
        }
        return new ArtisanJoinedProfessionalBody(artisanId, body.bodyId(), body.branchCode(), today);
    }

    /** The end of the membership of {@code bodyId}: 404 for a body that does not exist, 409 for one not joined. */
    ProfessionalBodyMembershipEnded ending(String artisanId, String bodyId, ProfessionalBodies bodies, Cause cause,
                                           SealedText reason, LocalDate today) {
        for (Membership m : byBranch.values()) {
            if (m.bodyId().equals(bodyId)) {
                return ending(artisanId, m, cause, reason, today);
            }
        }
        if (bodies.find(bodyId).isEmpty()) {
            throw new NotFoundException("No professional body " + bodyId);
        }
        throw new RuleViolationException("not-a-member", "Artisan " + artisanId + " is not a member of professional body "
                + bodyId);
    }

    /** The ends of the memberships that a change of the artisan's record ends. */
    List<ProfessionalBodyMembershipEnded> endings(String artisanId, Predicate<Membership> ended, Cause cause,
                                                  SealedText reason, LocalDate today) {
        return byBranch.values().stream().filter(ended)
                .map(m -> ending(artisanId, m, cause, reason, today)).toList();
    }

    void joined(ArtisanJoinedProfessionalBody event) {
        byBranch.put(event.branchCode(), new Membership(event.bodyId(), event.branchCode(), event.since()));
    }

    void ended(ProfessionalBodyMembershipEnded event) {
        byBranch.remove(event.branchCode());
    }

    private static ProfessionalBodyMembershipEnded ending(String artisanId, Membership membership, Cause cause,
                                                          SealedText reason, LocalDate today) {
        return new ProfessionalBodyMembershipEnded(artisanId, membership.bodyId(), membership.branchCode(),
                membership.since(), today, cause, reason);
    }
}
