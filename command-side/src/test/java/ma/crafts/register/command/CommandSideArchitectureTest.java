package ma.crafts.register.command;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import ma.crafts.register.architecture.FeatureRules;
import ma.crafts.register.architecture.MongoAccessRules;
import ma.crafts.register.architecture.Sources;

/** The command side's package rules (docs/adr/0006) and its share of the Mongo access rule (docs/adr/0001). */
@AnalyzeClasses(packages = "ma.crafts.register.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {
    private static final String SIDE = "ma.crafts.register.command";
    private static final Sources SOURCES = Sources.ofThisModule();
    private static final String[] INFRASTRUCTURE =
            {"..platform.security..", "..mongo..", "com.mongodb..", "org.bson.."};
    private static final Set<String> COMMAND_DISPATCH = Set.of(
            "org.axonframework.commandhandling.gateway.CommandGateway", SIDE + ".CommandGatewayReceipts");
    private static final Pattern INFRASTRUCTURE_IMPORT = Pattern.compile("^import (static )?"
            + "(ma\\.crafts\\.register\\.platform\\.security\\.|[\\w.]*\\.mongo\\.|com\\.mongodb\\.|org\\.bson\\.)");

    /**
     * The edge of a feature, where access checks and infrastructure belong: REST controllers, Spring configuration,
     * sagas, Axon interceptors, and the application services that dispatch commands through the gateway (they apply
     * the access policy before the aggregate sees a command). Nested classes share their top-level class's role.
     */
    private static final DescribedPredicate<JavaClass> FEATURE_EDGE = describe("a feature's edge", javaClass -> {
        JavaClass top = FeatureRules.topLevel(javaClass);
        return top.isAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                || top.isAnnotatedWith("org.springframework.context.annotation.Configuration")
                || top.isAnnotatedWith("org.axonframework.spring.stereotype.Saga")
                || top.isAssignableTo("org.axonframework.messaging.MessageHandlerInterceptor")
                || top.isAssignableTo("org.axonframework.messaging.MessageDispatchInterceptor")
                || top.getDirectDependenciesFromSelf().stream().map(dependency -> dependency.getTargetClass().getName())
                        .anyMatch(COMMAND_DISPATCH::contains);
    });

    private static final DescribedPredicate<JavaClass> AGGREGATE = describe("an aggregate", javaClass ->
            javaClass.isAnnotatedWith("org.axonframework.spring.stereotype.Aggregate")
                    || javaClass.isAnnotatedWith("org.axonframework.modelling.command.AggregateRoot"));

    /** Aggregates, and what sits beside them in a feature: entities, commands, rules, the ports they call. */
    private static final DescribedPredicate<JavaClass> DOMAIN = describe(
            "aggregates and command.<feature> domain classes", javaClass -> AGGREGATE.test(javaClass)
                    || javaClass.getPackageName().matches(Pattern.quote(SIDE) + "\\.[a-z]+")
                    && !javaClass.getPackageName().equals(SIDE + ".mongo") && !FEATURE_EDGE.test(javaClass));

    /**
     * Imports the compiler leaves no trace of (a constant it inlines), which the source check below still sees, with
     * the reason each is tolerated. A line that is gone fails the check, so the list shrinks.
     */
    /** Imports a domain class may keep for a stated reason; none today. An entry no longer needed fails the rule. */
    private static final Map<String, String> TOLERATED_IMPORTS = Map.of();

    @ArchTest
    static final ArchRule domainDoesNotDependOnSecurityOrMongo = noClasses().that(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE)
            .because("who may act is checked at the feature's edge, and storage is behind ports (docs/adr/0006)");

    @ArchTest
    static final ArchRule domainSourcesDoNotImportSecurityOrMongo = ArchRuleDefinition.classes().that(DOMAIN)
            .and(describe("top-level", (JavaClass javaClass) -> javaClass.getEnclosingClass().isEmpty()))
            .should(new ArchCondition<>("not import platform.security or Mongo packages in their source") {
                private final Set<String> toleratedSeen = new HashSet<>();

                @Override
                public void check(JavaClass javaClass, ConditionEvents events) {
                    for (String line : SOURCES.of(javaClass)) {
                        if (!INFRASTRUCTURE_IMPORT.matcher(line).find()) {
                            continue;
                        }
                        String key = javaClass.getName() + ": " + line.strip();
                        if (TOLERATED_IMPORTS.containsKey(key)) {
                            toleratedSeen.add(key);
                        } else {
                            events.add(SimpleConditionEvent.violated(javaClass, key));
                        }
                    }
                }

                @Override
                public void finish(ConditionEvents events) {
                    TOLERATED_IMPORTS.keySet().stream().filter(key -> !toleratedSeen.contains(key)).forEach(key ->
                            events.add(SimpleConditionEvent.violated(key, "tolerated import no longer there, remove "
                                    + "it from TOLERATED_IMPORTS: " + key)));
                }
            });

    /**
     * Which feature may use which, through its top-level package. {@code numbering} is the shared kernel of NIA and
     * card numbers. Artisan and body refer to each other (membership), as do artisan and card (a card lives in the
     * artisan aggregate, and its commands move beside it); enterprises and cooperatives are registered with an
     * artisan's building blocks. An erasure is addressed to whichever of them holds the personal data. A bulk import
     * registers through the feature of the kind it imports, by that feature's own checks, and finds the artisan a row
     * names by its NIA in the register of issued numbers.
     */
    @ArchTest
    static final ArchRule featuresUseEachOtherOnlyThroughDeclaredApis = FeatureRules.of(SIDE)
            .featuresUseEachOtherOnlyThroughDeclaredApis(Set.of(
                    "artisan -> body", "artisan -> card", "artisan -> numbering",
                    "body -> artisan",
                    "card -> artisan", "card -> numbering",
                    "cooperative -> artisan", "cooperative -> numbering",
                    "enterprise -> artisan", "enterprise -> cooperative",
                    "erasure -> artisan", "erasure -> cooperative", "erasure -> enterprise",
                    "imports -> artisan", "imports -> body", "imports -> card", "imports -> cooperative",
                    "imports -> enterprise", "imports -> numbering"), Map.of());

    @ArchTest
    static final ArchRule mongoCodeLivesInMongoPackages = FeatureRules.of(SIDE).mongoCodeLivesInMongoPackages();

    @ArchTest
    static final ArchRule filtersUseAnIndexUnlessScansAccepted =
            MongoAccessRules.filtersUseAnIndexUnlessScansAccepted(SOURCES, Set.of(), Map.of());

    @ArchTest
    static final ArchRule noMultiDocumentTransactions = MongoAccessRules.noMultiDocumentTransactions();
}
