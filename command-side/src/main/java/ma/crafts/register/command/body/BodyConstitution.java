package ma.crafts.register.command.body;

import java.util.function.Predicate;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.Role;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.LocalizedText;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Constitutes a professional body. Bodies are the registry administrators' (API contract, roles): the chambers
 * co-organise the constituent assemblies (domain brief §3), but the ministry's registry records them.
 */
public class BodyConstitution {
    public static final String ONE_BODY_RULE = "one-body-per-branch-and-territory";

    public record Constituted(String bodyId, BodyLevel level, String branchCode, String territoryCode,
                              Appended<Object> appended) {
    }

    private final CommandGatewayReceipts commands;
    private final AccessPolicy access;
    private final Predicate<String> hasEventStream;

    public BodyConstitution(CommandGatewayReceipts commands, AccessPolicy access, Predicate<String> hasEventStream) {
        this.commands = commands;
        this.access = access;
        this.hasEventStream = hasEventStream;
    }

    /** Throws {@link ForbiddenException} for anyone but a registry administrator. */
    public void requireMayConstitute() {
        access.requireAnyRole(Role.REGISTRY_ADMIN);
    }

    public Constituted constitute(ConstituteBodyRequest request) {
        requireMayConstitute();
        String bodyId = ProfessionalBodyId.of(request.branchCode(), request.territoryCode());
        BodyLevel level = BodyLevel.valueOf(request.level());
        try {
            Appended<Object> appended = commands.send(new ConstituteProfessionalBody(bodyId, level, request.branchCode(),
                    request.territoryCode(), new LocalizedText(request.name().ar(), request.name().fr())),
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
