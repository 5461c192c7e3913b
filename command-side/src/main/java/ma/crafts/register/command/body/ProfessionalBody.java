package ma.crafts.register.command.body;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.ArrayList;
import java.util.List;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.body.ProfessionalBodyAffiliated;
import ma.crafts.register.events.body.ProfessionalBodyConstituted;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.LocalizedText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A professional body (Law 50.17 art. 11): one per branch and territory, provincial, regional or national.
 * Registry administrators constitute and affiliate bodies (the API contract gives chamber clerks artisans, cards and
 * memberships only).
 * The hierarchy is built by affiliation: provincial bodies to the regional body of their branch and region, regional
 * bodies to the national body of their branch (domain brief §3). Memberships live in the artisans' streams, where the
 * artisan-side rules (status, province, branch) are decided.
 */
@Aggregate(snapshotTriggerDefinition = "professionalBodySnapshotTrigger")
@Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ProfessionalBody {
    public static final String NATIONAL_TERRITORY = "MA";
    static final int MAX_NAME_LENGTH = 300;

    @AggregateIdentifier
    private String bodyId;
    private BodyLevel level;
    private String branchCode;
    private String territoryCode;
    private String regionCode;
    private String parentBodyId;

    /** For Axon's event sourcing and snapshot deserialisation. */
    protected ProfessionalBody() {
    }

    @CommandHandler
    public ProfessionalBody(ConstituteProfessionalBody command, Geography geography, Nomenclature nomenclature) {
        List<FieldProblem> problems = new ArrayList<>();
        if (command.level() == null) {
            problems.add(new FieldProblem("level", "must be PROVINCIAL, REGIONAL or NATIONAL"));
        }
        if (nomenclature.branch(command.branchCode()).isEmpty()) {
            problems.add(new FieldProblem("branchCode", "'" + command.branchCode()
                    + "' is not a branch of nomenclature " + nomenclature.version()));
        }
        String region = command.level() == null ? null : regionOf(command.level(), command.territoryCode(), geography, problems);
        validateName(command.name(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String expectedId = ProfessionalBodyId.of(command.branchCode(), command.territoryCode());
        if (!expectedId.equals(command.bodyId())) {
            throw new IllegalArgumentException("body id " + command.bodyId() + " is not the id of branch "
                    + command.branchCode() + " in " + command.territoryCode());
        }
        apply(new ProfessionalBodyConstituted(command.bodyId(), command.level(), command.branchCode(),
                command.territoryCode(), region, new LocalizedText(command.name().ar().strip(), command.name().fr().strip())));
    }

    @CommandHandler
    public ProfessionalBodyAffiliated handle(AffiliateProfessionalBody command, ProfessionalBodies bodies) {
        if (level == null) {
            // Another aggregate's stream addressed as a body.
            throw new NotFoundException("No professional body " + command.bodyId());
        }
        if (command.parentBodyId() == null || command.parentBodyId().isBlank()) {
            throw new InvalidInputException("parentBodyId", "is required");
        }
        BodyFacts parent = bodies.find(command.parentBodyId().strip())
                .orElseThrow(() -> new NotFoundException("No professional body " + command.parentBodyId()));
        BodyLevel expected = switch (level) {
            case PROVINCIAL -> BodyLevel.REGIONAL;
            case REGIONAL -> BodyLevel.NATIONAL;
            case NATIONAL -> throw new RuleViolationException("national-body-has-no-parent",
                    "Body " + bodyId + " is national: it heads its branch and affiliates to no other body");
        };
        if (parent.level() != expected) {
            throw new RuleViolationException("affiliation-level", "A " + level + " body affiliates to a " + expected
                    + " body; body " + parent.bodyId() + " is " + parent.level());
        }
        if (!parent.branchCode().equals(branchCode)) {
            throw new RuleViolationException("affiliation-branch-must-match", "Body " + bodyId + " is of branch "
                    + branchCode + ", body " + parent.bodyId() + " of branch " + parent.branchCode());
        }
        if (level == BodyLevel.PROVINCIAL && !parent.territoryCode().equals(regionCode)) {
            throw new RuleViolationException("affiliation-region-must-match", "Body " + bodyId + " is in region "
                    + regionCode + ", body " + parent.bodyId() + " is the regional body of " + parent.territoryCode());
        }
        if (parentBodyId != null) {
            throw new RuleViolationException("already-affiliated", "Body " + bodyId + " is already affiliated to body "
                    + parentBodyId);
        }
        ProfessionalBodyAffiliated affiliated = new ProfessionalBodyAffiliated(bodyId, level, parent.bodyId(),
                parent.level(), branchCode);
        apply(affiliated);
        return affiliated;
    }

    /** The facts an artisan's membership is decided on. */
    public BodyFacts facts() {
        return new BodyFacts(bodyId, level, branchCode, territoryCode, regionCode);
    }

    @EventSourcingHandler
    void on(ProfessionalBodyConstituted event) {
        bodyId = event.bodyId();
        level = event.level();
        branchCode = event.branchCode();
        territoryCode = event.territoryCode();
        regionCode = event.regionCode();
    }

    @EventSourcingHandler
    void on(ProfessionalBodyAffiliated event) {
        parentBodyId = event.parentBodyId();
    }

    private static String regionOf(BodyLevel level, String territory, Geography geography, List<FieldProblem> problems) {
        switch (level) {
            case PROVINCIAL -> {
                return geography.province(territory).map(Geography.Province::regionCode).orElseGet(() -> {
                    problems.add(new FieldProblem("territoryCode", "a PROVINCIAL body needs a prefecture or province code, not '"
                            + territory + "'"));
                    return null;
                });
            }
            case REGIONAL -> {
                return geography.region(territory).map(Geography.Region::code).orElseGet(() -> {
                    problems.add(new FieldProblem("territoryCode", "a REGIONAL body needs a region code, not '" + territory + "'"));
                    return null;
                });
            }
            case NATIONAL -> {
                if (!NATIONAL_TERRITORY.equals(territory)) {
                    problems.add(new FieldProblem("territoryCode", "a NATIONAL body has territory MA, not '" + territory + "'"));
                }
                return null;
            }
            default -> throw new IllegalStateException("unknown level " + level);
        }
    }

    private static void validateName(LocalizedText name, List<FieldProblem> problems) {
        if (name == null || name.ar() == null || name.ar().isBlank()) {
            problems.add(new FieldProblem("name.ar", "the Arabic name is required"));
        } else if (name.ar().length() > MAX_NAME_LENGTH) {
            problems.add(new FieldProblem("name.ar", "at most " + MAX_NAME_LENGTH + " characters"));
        }
        if (name == null || name.fr() == null || name.fr().isBlank()) {
            problems.add(new FieldProblem("name.fr", "the French name is required"));
        } else if (name.fr().length() > MAX_NAME_LENGTH) {
            problems.add(new FieldProblem("name.fr", "at most " + MAX_NAME_LENGTH + " characters"));
        }
    }
}
