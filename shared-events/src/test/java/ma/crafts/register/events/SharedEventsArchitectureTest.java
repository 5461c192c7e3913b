package ma.crafts.register.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Events, values, errors and reference data are the register's domain vocabulary, read back from the legal record
 * for as long as it exists: they depend on no infrastructure and on no other module.
 */
@AnalyzeClasses(packages = {"ma.crafts.register.events", "ma.crafts.register.values", "ma.crafts.register.errors",
        "ma.crafts.register.reference"}, importOptions = ImportOption.DoNotIncludeTests.class)
class SharedEventsArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnNoInfrastructureNorOtherModule = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..", "..mongo..",
                    "ma.crafts.register.platform..", "ma.crafts.register.eventstore..",
                    "ma.crafts.register.command..", "ma.crafts.register.query..")
            .because("a stored event must stay readable whatever the infrastructure becomes (docs/adr/0006)");
}
