package ma.crafts.register.command.support;

import static ma.crafts.register.command.support.TestReference.GEOGRAPHY;
import static ma.crafts.register.command.support.TestReference.NOMENCLATURE;
import static ma.crafts.register.command.support.TestReference.sealedFor;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.TextOpener;
import ma.crafts.register.command.TextSealer;
import ma.crafts.register.command.body.BodyFacts;
import ma.crafts.register.command.body.ProfessionalBodies;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.SealedText;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;

/**
 * What the aggregate tests share: their fixture's resources (readable stand-ins for the vault's sealing and opening),
 * the rule a rejection names, a registered artisan.
 */
public final class AggregateFixtures {

    /**
     * Seals as the vault would, under the actor's id, but readably and without a nonce, so that an expected event can
     * be written down: {@link #sealed} gives what it seals.
     */
    public static final TextSealer SEALER = AggregateFixtures::sealed;
    private static final String TEST_SEALING = "TEST-SEALING";
    /**
     * Opens what {@link #SEALER} sealed, and text recorded in clear ({@link SealedText#CLEAR}), as the vault would
     * while the actor's key exists.
     */
    public static final TextOpener OPENER = AggregateFixtures::opened;

    private AggregateFixtures() {
    }

    /** What the fixtures' sealer records for {@code text} about {@code actorId}. */
    public static SealedText sealed(String actorId, String text) {
        return new SealedText(actorId, TEST_SEALING, null,
                Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String opened(SealedText sealed) {
        return switch (sealed.algorithm()) {
            case TEST_SEALING -> new String(Base64.getDecoder().decode(sealed.sealedText()), StandardCharsets.UTF_8);
            case SealedText.CLEAR -> sealed.sealedText();
            default -> throw new IllegalArgumentException("Not sealed by the fixtures: " + sealed.algorithm());
        };
    }

    /** An experience-route qualification as a registration records it. */
    public static RegisteredQualification experience(Integer years) {
        return new RegisteredQualification(QualificationRoute.EXPERIENCE, years, null);
    }

    /** A diploma-route qualification as a registration records it with the fixtures' sealer. */
    public static RegisteredQualification diploma(String artisanId, Integer years, String diplomaRef) {
        return new RegisteredQualification(QualificationRoute.DIPLOMA, years, sealed(artisanId, diplomaRef));
    }

    /** A fixture whose aggregate is given the reference data, {@code policy} and the bodies of {@code bodies}. */
    public static <T> AggregateTestFixture<T> fixture(Class<T> aggregate, RegisterPolicy policy,
                                                      Map<String, BodyFacts> bodies) {
        return fixture(aggregate, ignored -> policy, bodies);
    }

    /** As above, with a policy made from the fixture, so that the policy's clock can follow the fixture's time. */
    public static <T> AggregateTestFixture<T> fixture(Class<T> aggregate,
                                                      Function<AggregateTestFixture<T>, RegisterPolicy> policy,
                                                      Map<String, BodyFacts> bodies) {
        return fixture(aggregate, policy, bodies, OPENER);
    }

    /** As the first, with another opener in place of {@link #OPENER} (one that finds an actor's key gone). */
    public static <T> AggregateTestFixture<T> fixture(Class<T> aggregate, RegisterPolicy policy,
                                                      Map<String, BodyFacts> bodies, TextOpener opener) {
        return fixture(aggregate, ignored -> policy, bodies, opener);
    }

    private static <T> AggregateTestFixture<T> fixture(Class<T> aggregate,
                                                       Function<AggregateTestFixture<T>, RegisterPolicy> policy,
                                                       Map<String, BodyFacts> bodies, TextOpener opener) {
        AggregateTestFixture<T> fixture = new AggregateTestFixture<>(aggregate);
        fixture.registerInjectableResources(GEOGRAPHY, NOMENCLATURE, policy.apply(fixture),
                (ProfessionalBodies) id -> Optional.ofNullable(bodies.get(id)), SEALER, opener);
        return fixture;
    }

    /** A {@link RuleViolationException} naming {@code rule}. */
    public static Matcher<Throwable> rule(String rule) {
        return predicate(e -> e instanceof RuleViolationException violation && violation.rule().equals(rule));
    }

    /** An artisan registered for zellige (B08-001) in the province of Marrakech (MA-MAR, region MA-07). */
    public static ArtisanRegistered registeredInMarrakech(String artisanId, String nia, Gender gender,
                                                          RegisteredQualification qualification,
                                                          ArtisanCategory category) {
        return new ArtisanRegistered(artisanId, nia, "MA-MAR", "MA-07", "B08-001", "B08", NOMENCLATURE.version(),
                gender, qualification, category, sealedFor(artisanId));
    }
}
