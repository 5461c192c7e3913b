package ma.crafts.register.command.body;

import java.util.function.Predicate;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.platform.security.Role;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.LocalizedText;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Constitutes a professional body. A registry administrator may constitute any body; a chamber clerk those of its
 * own region (provincial or regional), since chambers co-organise the constituent assemblies (domain brief §3).
 */
public class BodyConstitution {
    public static final String ONE_BODY_RULE = "one-body-per-branch-and-territory";

    public record Constituted(String bodyId, BodyLevel level, String branchCode, String territoryCode,
                              Appended<Object> appended) {
    }

    private final CommandGatewayReceipts commands;
    private final AccessPolicy access;
    private final CurrentActor actor;
    private final Predicate<String> hasEventStream;

    public BodyConstitution(CommandGatewayReceipts commands, AccessPolicy access, CurrentActor actor,
                            Predicate<String> hasEventStream) {
        this.commands = commands;
        this.access = access;
        this.actor = actor;
        this.hasEventStream = hasEventStream;
    }

    /** Throws {@link ForbiddenException} for anyone but a registry administrator or a chamber clerk. */
    public void requireMayConstitute() {
        access.requireAnyRole(Role.REGISTRY_ADMIN, Role.CHAMBER_CLERK);
        if (!actor.hasRole(Role.REGISTRY_ADMIN) && actor.region() == null) {
            throw new ForbiddenException("Your token names no region, so you cannot act for any chamber");
        }
    }

    public Constituted constitute(ConstituteBodyRequest request) {
        requireMayConstitute();
        String actingRegion = actor.hasRole(Role.REGISTRY_ADMIN) ? null : actor.region();
        String bodyId = ProfessionalBodyId.of(request.branchCode(), request.territoryCode());
        BodyLevel level = BodyLevel.valueOf(request.level());
        try {
            Appended<Object> appended = commands.send(new ConstituteProfessionalBody(bodyId, level, request.branchCode(),
                    request.territoryCode(), new LocalizedText(request.name().ar(), request.name().fr()), actingRegion),
                    bodyId, Object.class);
            return new Constituted(bodyId, level, request.branchCode(), request.territoryCode(), appended);
        } catch (AggregateStreamCreationException | ConcurrencyException e) {
            // The id is derived from branch and territory, so the store refusing a second first event means the body
            // exists already (constituted earlier or by a concurrent request). The aggregate's own checks ran first,
            // so a caller without the right gets its 403 before learning that the body exists.
            if (hasEventStream.test(bodyId)) {
                RuleViolationException duplicate = duplicate(request);
                duplicate.addSuppressed(e);
                throw duplicate;
            }
            throw e;
        }
    }

    private static RuleViolationException duplicate(ConstituteBodyRequest request) {
        return new RuleViolationException(ONE_BODY_RULE, "A professional body for branch " + request.branchCode()
                + " in " + request.territoryCode() + " is already constituted (body "
                + ProfessionalBodyId.of(request.branchCode(), request.territoryCode()) + ")");
    }
}
