package ma.crafts.register.eventstore;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.Set;
import ma.crafts.register.architecture.MongoAccessRules;
import ma.crafts.register.architecture.Sources;

/** The event store's share of the Mongo access rule (docs/adr/0001) and its independence from the register. */
@AnalyzeClasses(packages = "ma.crafts.register.eventstore", importOptions = ImportOption.DoNotIncludeTests.class)
class EventStoreArchitectureTest {

    /**
     * The engine names fields through {@code CommitDocuments}' constants: {@code ID} is {@code _id}, and
     * {@code STREAM_KEYS} has a unique single-field (multikey, sparse) index that loading an aggregate uses.
     */
    @ArchTest
    static final ArchRule filtersUseAnIndexUnlessScansAccepted = MongoAccessRules.filtersUseAnIndexUnlessScansAccepted(
            Sources.ofThisModule(), Set.of("CommitDocuments.ID", "CommitDocuments.STREAM_KEYS"), Map.of());

    @ArchTest
    static final ArchRule noMultiDocumentTransactions = MongoAccessRules.noMultiDocumentTransactions();

    /** The benchmarks and both sides use it as a library on any MongoDatabase; it knows nothing of the register. */
    @ArchTest
    static final ArchRule dependsOnNoOtherModule = noClasses().should().dependOnClassesThat(
                    resideInAPackage("ma.crafts.register..").and(not(resideInAPackage("ma.crafts.register.eventstore.."))))
            .because("the event store is a library on MongoDB alone (README, Layout)");
}
