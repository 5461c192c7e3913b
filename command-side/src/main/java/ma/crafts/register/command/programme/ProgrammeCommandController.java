package ma.crafts.register.command.programme;

import static ma.crafts.register.command.CommandResponses.VERSION_POSITION;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.events.programme.ProgrammeDefined;
import ma.crafts.register.events.programme.ProgrammeRevised;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Benefit programmes as dated, versioned data: registry administrators define and revise them. */
@RestController
@RequestMapping(path = "/api/v1/programmes", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Programmes: commands", description = "Benefit programmes and their eligibility rules, versioned: each "
        + "revision is a new version in force from its effectiveFrom.")
public class ProgrammeCommandController {
    private static final String RULES = " Rule types: STATUS_IS, HAS_VALID_CARD, CATEGORY_IS, "
            + "MEMBER_OF_PROFESSIONAL_BODY (values: branches, optional), YEARS_OF_PRACTICE_AT_LEAST (years), REGION_IN, "
            + "PROVINCE_IN, BRANCH_IN, ACTOR_KIND_IN (ARTISAN, COOPERATIVE, ENTERPRISE), GENDER_IS, AGE_BETWEEN "
            + "(minimumAge, maximumAge), QUALIFICATION_ROUTE_IN, REGISTERED_FOR_AT_LEAST_MONTHS (months). Invalid "
            + "rules get 400 with one entry of `errors` per problem, its field naming the rule (`rules[2]`), and "
            + "nothing is stored. Who may: REGISTRY_ADMIN; every other role gets 403.";

    /** @param programVersion the programme's version this command recorded */
    public record ProgrammeVersionResponse(String programId, int programVersion, Instant effectiveFrom, long version,
                                           long position) {
    }

    private final ProgrammeRegistry registry;
    private final RequestValidation validation;
    private final AccessPolicy access;
    private final RegisterPolicy policy;

    public ProgrammeCommandController(ProgrammeRegistry registry, RequestValidation validation, AccessPolicy access,
                                      RegisterPolicy policy) {
        this.registry = registry;
        this.validation = validation;
        this.access = access;
        this.policy = policy;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "defineProgramme", summary = "Define a benefit programme (its version 1)",
            description = "`programId`, `partner`, `name` (Arabic and French), `rules` and `reason` are required; "
                    + "`effectiveFrom` defaults to now. A second definition of the same id gets 409 rule-violation "
                    + "`" + ProgrammeRegistry.ONE_DEFINITION_RULE + "`." + RULES + VERSION_POSITION)
    @ApiResponse(responseCode = "201", description = "Defined")
    @ApiResponse(responseCode = "400", description = "Invalid programme id, terms or rules; every problem is listed")
    @ApiResponse(responseCode = "403", description = "Not REGISTRY_ADMIN")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: programme-already-defined")
    public ResponseEntity<ProgrammeVersionResponse> define(@RequestBody(required = false) ProgrammeRequest request) {
        access.requireAnyRole(Role.REGISTRY_ADMIN);
        ProgrammeRequest valid = validation.valid(request);
        if (valid.programId() == null || valid.programId().isBlank()) {
            throw new InvalidInputException("programId", "is required");
        }
        String programId = valid.programId().strip();
        // A definition may take effect in the past, so "now" can be fixed here rather than by the aggregate.
        Instant effectiveFrom = valid.effectiveFrom() == null ? policy.clock().instant() : valid.effectiveFrom();
        Appended<Object> appended = registry.define(new DefineProgramme(programId, valid.terms(), effectiveFrom,
                valid.reason()));
        return ResponseEntity.created(URI.create("/api/v1/programmes/" + programId))
                .body(new ProgrammeVersionResponse(programId, ProgrammeDefined.FIRST_VERSION, effectiveFrom,
                        appended.version(), appended.position()));
    }

    @PutMapping(path = "/{programId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "reviseProgramme", summary = "Revise a programme: a new version",
            description = "The body carries the new version's whole terms, its `reason` and optionally its "
                    + "`effectiveFrom` (default now; never in the past, and after the latest version's). Verdicts "
                    + "for instants before it keep using the earlier version." + RULES + VERSION_POSITION)
    @ApiResponse(responseCode = "200", description = "Revised")
    @ApiResponse(responseCode = "400", description = "Invalid terms, rules or effectiveFrom; every problem is listed")
    @ApiResponse(responseCode = "403", description = "Not REGISTRY_ADMIN")
    @ApiResponse(responseCode = "404", description = "No such programme")
    public ProgrammeVersionResponse revise(@PathVariable String programId,
                                           @RequestBody(required = false) ProgrammeRequest request) {
        access.requireAnyRole(Role.REGISTRY_ADMIN);
        ProgrammeRequest valid = validation.valid(request);
        if (valid.programId() != null && !valid.programId().strip().equals(programId)) {
            throw new InvalidInputException("programId", "differs from the programme addressed by the path");
        }
        Appended<ProgrammeRevised> appended = registry.revise(new ReviseProgramme(programId, valid.terms(),
                valid.effectiveFrom(), valid.reason()));
        ProgrammeRevised revised = appended.result();
        return new ProgrammeVersionResponse(programId, revised.version(), revised.effectiveFrom(), appended.version(),
                appended.position());
    }
}
