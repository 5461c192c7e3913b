package ma.crafts.register.command.cooperative;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.LatestSealedData;
import ma.crafts.register.command.artisan.ApplicantRules;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.cooperative.CooperativeDetailsAmended;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.events.enterprise.EnterpriseDetailsAmended;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Amends a cooperative or an enterprise as an artisan is amended: the representative's current data is read from the
 * actor's event stream (the authority, never a read model that may lag), opened, changed, checked with
 * {@link ApplicantRules} and sealed again with the actor's key before the command leaves, merged again if another
 * change was recorded meanwhile ({@link LatestSealedData}). The name and the activities go to the aggregate, which
 * checks them with the registration's rules ({@link ActorRules#amend}).
 */
public class ActorAmendments {

    /** The kind of actor amended: its registration event and how its amendment command is built. */
    public record Kind(String name, Class<?> registered, CommandFactory command) {
    }

    @FunctionalInterface
    public interface CommandFactory {
        Object command(String actorId, ActorAmendment amendment);
    }

    private record Current(String regionCode, SealedPersonalData representative) {
    }

    private final CommandGatewayReceipts commands;
    private final AccessPolicy access;
    private final PersonalDataVault vault;
    private final EventStore eventStore;

    public ActorAmendments(CommandGatewayReceipts commands, AccessPolicy access, PersonalDataVault vault,
                           EventStore eventStore) {
        this.commands = commands;
        this.access = access;
        this.vault = vault;
        this.eventStore = eventStore;
    }

    /** Call after the caller's role was checked and the request passed bean validation. */
    public <E> Appended<E> amend(String actorId, Kind kind, AmendActorRequest request, String actingRegion,
                                 Class<E> eventType) {
        if (request.isEmpty()) {
            throw new InvalidInputException("body", "name at least one of name, activityCodes, phone, address");
        }
        List<String> activityCodes = activities(request);
        LocalizedText name = request.name() == null ? null : new LocalizedText(request.name().ar(), request.name().fr());
        return LatestSealedData.merge(() -> currentAndAccessible(actorId, kind), current -> {
            List<String> changed = new ArrayList<>();
            SealedPersonalData sealed = null;
            if (request.changesPersonalData()) {
                PersonalData before = open(actorId, kind, current);
                PersonalData after = ApplicantRules.amend(before, null, null, request.phone(), request.address());
                if (!Objects.equals(before.phone(), after.phone())) {
                    changed.add("phone");
                }
                if (!Objects.equals(before.address(), after.address())) {
                    changed.add("address");
                }
                sealed = changed.isEmpty() ? null : vault.seal(actorId, after);
            }
            ActorAmendment amendment = new ActorAmendment(name, activityCodes, changed, sealed,
                    current.representative(), actingRegion);
            return commands.send(kind.command().command(actorId, amendment), actorId, eventType);
        });
    }

    /** The new activities with the main one first, or null to keep them; checked against the nomenclature later. */
    private static List<String> activities(AmendActorRequest request) {
        if (request.activityCodes() == null) {
            if (request.activityCode() != null) {
                throw new InvalidInputException("activityCode", "names the main one of activityCodes, which must be "
                        + "given with it");
            }
            return null;
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<String> ordered = ActorEnrolment.mainActivityFirst(request.activityCodes(), request.activityCode(),
                problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return ordered;
    }

    /** 404 for no actor of this kind, then 403 for a clerk of another region, before any personal data is opened. */
    private Current currentAndAccessible(String actorId, Kind kind) {
        Current current = current(actorId, kind.registered()).orElseThrow(() -> new NotFoundException(
                "No " + kind.name() + " is registered under " + actorId));
        access.requireWriteAccessToRegion(current.regionCode());
        return current;
    }

    /** From sequence 0: a snapshot would hide the events this reads. A stream of another kind is no such actor. */
    private Optional<Current> current(String actorId, Class<?> registeredType) {
        if (actorId == null || actorId.isBlank()) {
            return Optional.empty();
        }
        DomainEventStream stream = eventStore.readEvents(actorId, 0L);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        Object first = stream.next().getPayload();
        if (!registeredType.isInstance(first)) {
            return Optional.empty();
        }
        Current current;
        if (first instanceof CooperativeRegistered registered) {
            current = new Current(registered.regionCode(), registered.representative());
        } else if (first instanceof EnterpriseRegistered registered) {
            current = new Current(registered.regionCode(), registered.representative());
        } else {
            throw new IllegalArgumentException("Not an actor's registration: " + registeredType);
        }
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            SealedPersonalData amended = null;
            if (payload instanceof CooperativeDetailsAmended amendment) {
                amended = amendment.representative();
            } else if (payload instanceof EnterpriseDetailsAmended amendment) {
                amended = amendment.representative();
            }
            if (amended != null) {
                current = new Current(current.regionCode(), amended);
            }
        }
        return Optional.of(current);
    }

    private PersonalData open(String actorId, Kind kind, Current current) {
        Optional<PersonalData> opened = current.representative() == null ? Optional.empty()
                : vault.open(current.representative());
        return opened.orElseThrow(() -> new RuleViolationException("personal-data-erased", "The representative's "
                + "personal data of " + kind.name() + " " + actorId + " has been erased and can no longer be changed"));
    }
}
