package ma.crafts.register.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.Set;
import ma.crafts.register.architecture.MongoAccessRules;
import ma.crafts.register.architecture.Sources;

/** The platform's share of the Mongo access rule (docs/adr/0001), and what it may not know about. */
@AnalyzeClasses(packages = "ma.crafts.register.platform", importOptions = ImportOption.DoNotIncludeTests.class)
class PlatformArchitectureTest {
    private static final String LEASE_COMPARE_AND_SET = "a compare-and-set on a lease: _id plus the holder or "
            + "expiry it expects, once per piece of work and per renewal, in a collection of a few documents";
    /** The platform does not depend on the event store, where {@code @ScansAccepted} lives, so its scans are listed here. */
    private static final Map<String, String> SCANS = Map.of(
            "ma.crafts.register.platform.idempotency.IdempotencyKeyStore#forgetActors",
            "runs once per erasure of an actor's personal data (rare, an administrator's act) and per erasure "
                    + "re-applied at start-up, over records kept 24 h",
            "ma.crafts.register.platform.idempotency.IdempotencyKeyStore#deleteExpired",
            "a sweep every register.idempotency.cleanup-interval, off the request path, standing in for the TTL "
                    + "monitor that mongo-java-server lacks; on MongoDB the TTL index on expiresAt serves it",
            "ma.crafts.register.platform.privacy.MasterKeyCheck#keyIdOfExistingData",
            "once in a register's life, at the first start after the check came in, and it stops at the first key "
                    + "that a master key wrapped",
            "ma.crafts.register.platform.lease.LeaseDocument#take", LEASE_COMPARE_AND_SET,
            "ma.crafts.register.platform.lease.LeaseDocument#renew", LEASE_COMPARE_AND_SET,
            "ma.crafts.register.platform.lease.LeaseDocument#release", LEASE_COMPARE_AND_SET);

    @ArchTest
    static final ArchRule filtersUseAnIndexUnlessScansAccepted =
            MongoAccessRules.filtersUseAnIndexUnlessScansAccepted(Sources.ofThisModule(), Set.of(), SCANS);

    @ArchTest
    static final ArchRule noMultiDocumentTransactions = MongoAccessRules.noMultiDocumentTransactions();

    @ArchTest
    static final ArchRule knowsNeitherSideNorTheEventStore = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("ma.crafts.register.command..", "ma.crafts.register.query..",
                    "ma.crafts.register.eventstore..")
            .because("both sides build on the platform, which must come up without either (README, Layout)");
}
