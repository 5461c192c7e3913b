package ma.crafts.register.command.body;

import static ma.crafts.register.command.support.TestReference.GEOGRAPHY;
import static ma.crafts.register.command.support.TestReference.NOMENCLATURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.events.body.ProfessionalBodyConstituted;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.LocalizedText;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProfessionalBodyAggregateTest {
    private static final LocalizedText NAME = new LocalizedText("الهيئة الإقليمية للحلي بالسمارة", "Corporation provinciale de la bijouterie d'Es-Semara");

    private FixtureConfiguration<ProfessionalBody> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProfessionalBody.class);
        fixture.registerInjectableResource(GEOGRAPHY);
        fixture.registerInjectableResource(NOMENCLATURE);
    }

    private static ConstituteProfessionalBody constitute(BodyLevel level, String branch, String territory, String actingRegion) {
        return new ConstituteProfessionalBody(ProfessionalBodyId.of(branch, territory), level, branch, territory, NAME, actingRegion);
    }

    @Test
    void constitutesAProvincialBodyWithTheRegionOfItsProvince() {
        fixture.givenNoPriorActivity()
                .when(constitute(BodyLevel.PROVINCIAL, "B06", "MA-ESM", null))
                .expectEvents(new ProfessionalBodyConstituted(ProfessionalBodyId.of("B06", "MA-ESM"), BodyLevel.PROVINCIAL,
                        "B06", "MA-ESM", "MA-11", NAME));
    }

    @Test
    void constitutesRegionalAndNationalBodies() {
        fixture.givenNoPriorActivity().when(constitute(BodyLevel.REGIONAL, "B06", "MA-11", null))
                .expectEvents(new ProfessionalBodyConstituted(ProfessionalBodyId.of("B06", "MA-11"), BodyLevel.REGIONAL,
                        "B06", "MA-11", "MA-11", NAME));
        fixture.givenNoPriorActivity().when(constitute(BodyLevel.NATIONAL, "B06", "MA", null))
                .expectEvents(new ProfessionalBodyConstituted(ProfessionalBodyId.of("B06", "MA"), BodyLevel.NATIONAL,
                        "B06", "MA", null, NAME));
    }

    @Test
    void theTerritoryMustFitTheLevel() {
        fixture.givenNoPriorActivity().when(constitute(BodyLevel.PROVINCIAL, "B06", "MA-11", null))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("territoryCode")).expectNoEvents();
        fixture.givenNoPriorActivity().when(constitute(BodyLevel.REGIONAL, "B06", "MA-ESM", null))
                .expectException(InvalidInputException.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(constitute(BodyLevel.NATIONAL, "B06", "MA-11", null))
                .expectException(InvalidInputException.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(constitute(null, "B06", "MA-11", null))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("level")).expectNoEvents();
    }

    @Test
    void theBranchMustExistAndBothNamesAreRequired() {
        fixture.givenNoPriorActivity()
                .when(new ConstituteProfessionalBody(ProfessionalBodyId.of("B99", "MA-ESM"), BodyLevel.PROVINCIAL, "B99",
                        "MA-ESM", new LocalizedText(" ", null), null))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(allOf(containsString("branchCode"), containsString("name.ar"), containsString("name.fr")))
                .expectNoEvents();
    }

    @Test
    void aClerkConstitutesOnlyBodiesOfItsOwnRegion() {
        fixture.givenNoPriorActivity().when(constitute(BodyLevel.PROVINCIAL, "B06", "MA-ESM", "MA-11"))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity().when(constitute(BodyLevel.REGIONAL, "B06", "MA-11", "MA-11"))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity().when(constitute(BodyLevel.PROVINCIAL, "B06", "MA-ESM", "MA-07"))
                .expectException(ForbiddenException.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(constitute(BodyLevel.NATIONAL, "B06", "MA", "MA-11"))
                .expectException(ForbiddenException.class).expectNoEvents();
    }

    @Test
    void theIdMustBeTheOneOfItsBranchAndTerritory() {
        fixture.givenNoPriorActivity()
                .when(new ConstituteProfessionalBody(ProfessionalBodyId.of("B06", "MA-LAA"), BodyLevel.PROVINCIAL, "B06",
                        "MA-ESM", NAME, null))
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
