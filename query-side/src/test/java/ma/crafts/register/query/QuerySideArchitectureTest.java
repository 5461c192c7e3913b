package ma.crafts.register.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.Set;
import ma.crafts.register.architecture.FeatureRules;
import ma.crafts.register.architecture.MongoAccessRules;
import ma.crafts.register.architecture.Sources;

/** The query side's package rules (docs/adr/0006) and its share of the Mongo access rule (docs/adr/0001). */
@AnalyzeClasses(packages = "ma.crafts.register.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {
    private static final String SIDE = "ma.crafts.register.query";

    /**
     * Which feature may use which, through its top-level package. The artisan view is the read model the others
     * build on: its state types, its event stream and its folding are its declared API. Reference data is read by
     * the features that validate codes against it. The card check names the programmes its holder is eligible for,
     * and the printed card the chamber's region and the activity. Cooperatives, enterprises and bodies page their
     * histories and replay their past states with the audit feature's history engine, which eligibility reads their
     * streams with too (their verdicts now and as of an instant). The statistics fold artisans as
     * the view does, validate and name codes from the reference data, and count the eligible per programme from the
     * eligibility model's counts. Reads that show personal data in clear write to the
     * read log.
     */
    @ArchTest
    static final ArchRule featuresUseEachOtherOnlyThroughDeclaredApis = FeatureRules.of(SIDE)
            .featuresUseEachOtherOnlyThroughDeclaredApis(Set.of(
                    "artisan -> readlog", "artisan -> reference",
                    "audit -> artisan", "audit -> readlog",
                    "body -> artisan", "body -> audit", "body -> reference",
                    "card -> artisan", "card -> eligibility", "card -> readlog", "card -> reference",
                    "cooperative -> artisan", "cooperative -> audit",
                    "eligibility -> artisan", "eligibility -> audit", "eligibility -> programme",
                    "eligibility -> reference",
                    "enterprise -> artisan", "enterprise -> audit",
                    "notification -> artisan", "notification -> reference",
                    "statistics -> artisan", "statistics -> eligibility", "statistics -> reference"), Map.of());

    @ArchTest
    static final ArchRule mongoCodeLivesInMongoPackages = FeatureRules.of(SIDE).mongoCodeLivesInMongoPackages();

    @ArchTest
    static final ArchRule filtersUseAnIndexUnlessScansAccepted =
            MongoAccessRules.filtersUseAnIndexUnlessScansAccepted(Sources.ofThisModule(), Set.of(), Map.of());

    @ArchTest
    static final ArchRule noMultiDocumentTransactions = MongoAccessRules.noMultiDocumentTransactions();
}
