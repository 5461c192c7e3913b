package ma.crafts.register.command.body;

import static ma.crafts.register.command.support.TestReference.POLICY;
import static ma.crafts.register.command.support.AggregateFixtures.rule;
import ma.crafts.register.command.support.AggregateFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.util.HashMap;
import java.util.Map;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.events.body.ProfessionalBodyAffiliated;
import ma.crafts.register.events.body.ProfessionalBodyConstituted;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.LocalizedText;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProfessionalBodyAggregateTest {
    private static final LocalizedText NAME = new LocalizedText("الهيئة الإقليمية للحلي بالسمارة", "Corporation provinciale de la bijouterie d'Es-Semara");

    private FixtureConfiguration<ProfessionalBody> fixture;
    private final Map<String, BodyFacts> bodies = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = AggregateFixtures.fixture(ProfessionalBody.class, POLICY, bodies);
        for (BodyFacts body : new BodyFacts[]{
                facts(BodyLevel.PROVINCIAL, "B06", "MA-ESM", "MA-11"),
                facts(BodyLevel.REGIONAL, "B06", "MA-11", "MA-11"),
                facts(BodyLevel.REGIONAL, "B06", "MA-07", "MA-07"),
                facts(BodyLevel.REGIONAL, "B08", "MA-11", "MA-11"),
                facts(BodyLevel.NATIONAL, "B06", "MA", null),
                facts(BodyLevel.NATIONAL, "B08", "MA", null)}) {
            bodies.put(body.bodyId(), body);
        }
    }

    private static BodyFacts facts(BodyLevel level, String branch, String territory, String region) {
        return new BodyFacts(ProfessionalBodyId.of(branch, territory), level, branch, territory, region);
    }

    private static ProfessionalBodyConstituted constituted(BodyLevel level, String branch, String territory, String region) {
        return new ProfessionalBodyConstituted(ProfessionalBodyId.of(branch, territory), level, branch, territory, region, NAME);
    }

    // --- hierarchy ------------------------------------------------------------------------------------------

    @Test
    void aProvincialBodyAffiliatesToTheRegionalBodyOfItsBranchAndRegion() {
        String semara = ProfessionalBodyId.of("B06", "MA-ESM");
        String laayoune = ProfessionalBodyId.of("B06", "MA-11");
        fixture.given(constituted(BodyLevel.PROVINCIAL, "B06", "MA-ESM", "MA-11"))
                .when(new AffiliateProfessionalBody(semara, laayoune))
                .expectEvents(new ProfessionalBodyAffiliated(semara, BodyLevel.PROVINCIAL, laayoune, BodyLevel.REGIONAL, "B06"));
    }

    @Test
    void aRegionalBodyAffiliatesToTheNationalBodyOfItsBranch() {
        String laayoune = ProfessionalBodyId.of("B06", "MA-11");
        String national = ProfessionalBodyId.of("B06", "MA");
        fixture.given(constituted(BodyLevel.REGIONAL, "B06", "MA-11", "MA-11"))
                .when(new AffiliateProfessionalBody(laayoune, national))
                .expectEvents(new ProfessionalBodyAffiliated(laayoune, BodyLevel.REGIONAL, national, BodyLevel.NATIONAL, "B06"));
    }

    @Test
    void noAffiliationAcrossBranchesRegionsOrLevels() {
        String semara = ProfessionalBodyId.of("B06", "MA-ESM");
        ProfessionalBodyConstituted provincial = constituted(BodyLevel.PROVINCIAL, "B06", "MA-ESM", "MA-11");
        fixture.given(provincial).when(new AffiliateProfessionalBody(semara, ProfessionalBodyId.of("B08", "MA-11")))
                .expectException(rule("affiliation-branch-must-match")).expectNoEvents();
        fixture.given(provincial).when(new AffiliateProfessionalBody(semara, ProfessionalBodyId.of("B06", "MA-07")))
                .expectException(rule("affiliation-region-must-match")).expectNoEvents();
        fixture.given(provincial).when(new AffiliateProfessionalBody(semara, ProfessionalBodyId.of("B06", "MA")))
                .expectException(rule("affiliation-level")).expectNoEvents();
        String national = ProfessionalBodyId.of("B06", "MA");
        setUp(); // a fixture serves one aggregate
        fixture.given(constituted(BodyLevel.NATIONAL, "B06", "MA", null))
                .when(new AffiliateProfessionalBody(national, ProfessionalBodyId.of("B06", "MA-11")))
                .expectException(rule("national-body-has-no-parent")).expectNoEvents();
        String laayoune = ProfessionalBodyId.of("B06", "MA-11");
        setUp();
        fixture.given(constituted(BodyLevel.REGIONAL, "B06", "MA-11", "MA-11"))
                .when(new AffiliateProfessionalBody(laayoune, ProfessionalBodyId.of("B08", "MA")))
                .expectException(rule("affiliation-branch-must-match")).expectNoEvents();
    }

    @Test
    void affiliationIsOnceAndNeedsAnExistingParent() {
        String semara = ProfessionalBodyId.of("B06", "MA-ESM");
        String laayoune = ProfessionalBodyId.of("B06", "MA-11");
        fixture.given(constituted(BodyLevel.PROVINCIAL, "B06", "MA-ESM", "MA-11"),
                        new ProfessionalBodyAffiliated(semara, BodyLevel.PROVINCIAL, laayoune, BodyLevel.REGIONAL, "B06"))
                .when(new AffiliateProfessionalBody(semara, laayoune))
                .expectException(rule("already-affiliated")).expectNoEvents();
        fixture.given(constituted(BodyLevel.PROVINCIAL, "B06", "MA-ESM", "MA-11"))
                .when(new AffiliateProfessionalBody(semara, "no-such-body"))
                .expectException(NotFoundException.class).expectNoEvents();
        fixture.given(constituted(BodyLevel.PROVINCIAL, "B06", "MA-ESM", "MA-11"))
                .when(new AffiliateProfessionalBody(semara, " "))
                .expectException(InvalidInputException.class).expectNoEvents();
    }


    private static ConstituteProfessionalBody constitute(BodyLevel level, String branch, String territory) {
        return new ConstituteProfessionalBody(ProfessionalBodyId.of(branch, territory), level, branch, territory, NAME);
    }

    @Test
    void constitutesAProvincialBodyWithTheRegionOfItsProvince() {
        fixture.givenNoPriorActivity()
                .when(constitute(BodyLevel.PROVINCIAL, "B06", "MA-ESM"))
                .expectEvents(new ProfessionalBodyConstituted(ProfessionalBodyId.of("B06", "MA-ESM"), BodyLevel.PROVINCIAL,
                        "B06", "MA-ESM", "MA-11", NAME));
    }

    @Test
    void constitutesRegionalAndNationalBodies() {
        fixture.givenNoPriorActivity().when(constitute(BodyLevel.REGIONAL, "B06", "MA-11"))
                .expectEvents(new ProfessionalBodyConstituted(ProfessionalBodyId.of("B06", "MA-11"), BodyLevel.REGIONAL,
                        "B06", "MA-11", "MA-11", NAME));
        fixture.givenNoPriorActivity().when(constitute(BodyLevel.NATIONAL, "B06", "MA"))
                .expectEvents(new ProfessionalBodyConstituted(ProfessionalBodyId.of("B06", "MA"), BodyLevel.NATIONAL,
                        "B06", "MA", null, NAME));
    }

    @Test
    void theTerritoryMustFitTheLevel() {
        fixture.givenNoPriorActivity().when(constitute(BodyLevel.PROVINCIAL, "B06", "MA-11"))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("territoryCode")).expectNoEvents();
        fixture.givenNoPriorActivity().when(constitute(BodyLevel.REGIONAL, "B06", "MA-ESM"))
                .expectException(InvalidInputException.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(constitute(BodyLevel.NATIONAL, "B06", "MA-11"))
                .expectException(InvalidInputException.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(constitute(null, "B06", "MA-11"))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("level")).expectNoEvents();
    }

    @Test
    void theBranchMustExistAndBothNamesAreRequired() {
        fixture.givenNoPriorActivity()
                .when(new ConstituteProfessionalBody(ProfessionalBodyId.of("B99", "MA-ESM"), BodyLevel.PROVINCIAL, "B99",
                        "MA-ESM", new LocalizedText(" ", null)))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(allOf(containsString("branchCode"), containsString("name.ar"), containsString("name.fr")))
                .expectNoEvents();
    }


    @Test
    void theIdMustBeTheOneOfItsBranchAndTerritory() {
        fixture.givenNoPriorActivity()
                .when(new ConstituteProfessionalBody(ProfessionalBodyId.of("B06", "MA-LAA"), BodyLevel.PROVINCIAL, "B06",
                        "MA-ESM", NAME))
                .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void exposesItsFacts() {
        ProfessionalBody body = new ProfessionalBody();
        body.on(new ProfessionalBodyConstituted("b-1", BodyLevel.PROVINCIAL, "B06", "MA-ESM", "MA-11", NAME));
        assertThat(body.facts()).isEqualTo(new BodyFacts("b-1", BodyLevel.PROVINCIAL, "B06", "MA-ESM", "MA-11"));
        assertThat(ProfessionalBodyId.of("B06", "MA-ESM")).isEqualTo(ProfessionalBodyId.of("B06", "MA-ESM"))
                .isNotEqualTo(ProfessionalBodyId.of("B06", "MA-LAA"));
    }
}
