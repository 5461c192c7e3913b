package ma.crafts.register.command.enterprise;

import static ma.crafts.register.command.support.AggregateFixtures.sealed;
import static ma.crafts.register.command.support.TestReference.NOMENCLATURE;
import static ma.crafts.register.command.support.TestReference.sealedFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.crafts.register.command.ActorMetadata;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.enterprise.EnterpriseFlaggedNonCompliant;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.enterprise.EnterpriseStruckOff;
import ma.crafts.register.events.enterprise.EnterpriseSupervisingArtisanChanged;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnterpriseComplianceSagaTest {
    static final String ENTERPRISE = "5b1e2a44-0000-4000-8000-000000000002";
    static final String OTHER_ENTERPRISE = "5b1e2a44-0000-4000-8000-000000000003";
    static final String SUPERVISOR = "a6f0c8d2-0000-4000-8000-00000000000a";
    static final String CAUSE = EnterpriseFlaggedNonCompliant.SUPERVISING_ARTISAN_STRUCK_OFF;

    private SagaTestFixture<EnterpriseCompliance> fixture;
    private final Map<String, ArtisanStatus> artisans = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(EnterpriseCompliance.class);
        fixture.registerResource((SupervisingArtisans) (id, withinRegion) -> Optional.ofNullable(artisans.get(id)));
        artisans.put(SUPERVISOR, ArtisanStatus.ACTIVE);
    }

    static EnterpriseRegistered registered(String enterpriseId, String supervisor) {
        return new EnterpriseRegistered(enterpriseId, "MA07-2026-000007-X",
                new LocalizedText("مقاولة القفطان المراكشي", "Ateliers du caftan de Marrakech SARL"), "MA-MAR", "MA-07",
                List.of("B05-002"), List.of("B05"), NOMENCLATURE.version(), supervisor, Gender.M, sealedFor(enterpriseId));
    }

    @Test
    void aRegisteredEnterpriseStartsAWatchOnItsSupervisingArtisan() {
        fixture.givenNoPriorActivity()
                .whenAggregate(ENTERPRISE).publishes(registered(ENTERPRISE, SUPERVISOR))
                .expectActiveSagas(1)
                .expectAssociationWith("enterpriseId", ENTERPRISE)
                .expectAssociationWith(EnterpriseCompliance.ARTISAN_ID, SUPERVISOR)
                .expectNoDispatchedCommands();
    }

    @Test
    void strikingOffTheSupervisorFlagsEveryEnterpriseItSupervises_asTheRegister_andKeepsWatching() {
        fixture.givenAggregate(ENTERPRISE).published(registered(ENTERPRISE, SUPERVISOR))
                .andThenAggregate(OTHER_ENTERPRISE).published(registered(OTHER_ENTERPRISE, SUPERVISOR))
                .whenAggregate(SUPERVISOR).publishes(new ArtisanStruckOff(SUPERVISOR, sealed(SUPERVISOR, "Cessation d'activité")))
                .expectActiveSagas(2);
        // Each enterprise has its own saga; the order in which they react to one event is not defined.
        List<CommandMessage<?>> sent = fixture.getCommandBus().getDispatchedCommands();
        List<Object> payloads = sent.stream().map(command -> (Object) command.getPayload()).toList();
        assertThat(payloads).containsExactlyInAnyOrder(
                new FlagEnterpriseNonCompliant(ENTERPRISE, SUPERVISOR, CAUSE),
                new FlagEnterpriseNonCompliant(OTHER_ENTERPRISE, SUPERVISOR, CAUSE));
        assertThat(sent).allSatisfy(command -> assertThat(command.getMetaData())
                .containsEntry(ActorMetadata.RECORDED_BY, ActorMetadata.SYSTEM)
                .containsEntry(ActorMetadata.CHAMBER, "MA"));
    }

    @Test
    void otherArtisansAndOtherStatusChangesLeaveTheEnterpriseAlone() {
        fixture.givenAggregate(ENTERPRISE).published(registered(ENTERPRISE, SUPERVISOR))
                .whenAggregate("another-artisan").publishes(new ArtisanStruckOff("another-artisan", sealed("another-artisan", "Décès")))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
        fixture.givenAggregate(ENTERPRISE).published(registered(ENTERPRISE, SUPERVISOR))
                .whenAggregate(SUPERVISOR).publishes(new ArtisanSuspended(SUPERVISOR, sealed(SUPERVISOR, "Enquête en cours")))
                .expectNoDispatchedCommands();
    }

    @Test
    void aStrikeOffThatOvertookTheRegistrationIsCaughtWhenTheWatchStarts() {
        artisans.put(SUPERVISOR, ArtisanStatus.STRUCK_OFF);
        fixture.givenNoPriorActivity()
                .whenAggregate(ENTERPRISE).publishes(registered(ENTERPRISE, SUPERVISOR))
                .expectDispatchedCommands(new FlagEnterpriseNonCompliant(ENTERPRISE, SUPERVISOR, CAUSE))
                .expectActiveSagas(1)
                .expectNoAssociationWith(EnterpriseCompliance.ARTISAN_ID, SUPERVISOR);
    }

    static final String SUCCESSOR = "a6f0c8d2-0000-4000-8000-00000000000b";

    @Test
    void afterAChangeTheWatchFollowsTheNewSupervisorOnly() {
        artisans.put(SUCCESSOR, ArtisanStatus.ACTIVE);
        fixture.givenAggregate(ENTERPRISE).published(registered(ENTERPRISE, SUPERVISOR))
                .whenAggregate(ENTERPRISE).publishes(
                        new EnterpriseSupervisingArtisanChanged(ENTERPRISE, SUPERVISOR, SUCCESSOR, false, null))
                .expectActiveSagas(1)
                .expectAssociationWith(EnterpriseCompliance.ARTISAN_ID, SUCCESSOR)
                .expectNoAssociationWith(EnterpriseCompliance.ARTISAN_ID, SUPERVISOR)
                .expectNoDispatchedCommands();
        fixture.givenAggregate(ENTERPRISE).published(registered(ENTERPRISE, SUPERVISOR),
                        new EnterpriseSupervisingArtisanChanged(ENTERPRISE, SUPERVISOR, SUCCESSOR, false, null))
                .whenAggregate(SUPERVISOR).publishes(new ArtisanStruckOff(SUPERVISOR, sealed(SUPERVISOR, "Cessation d'activité")))
                .expectNoDispatchedCommands();
        fixture.givenAggregate(ENTERPRISE).published(registered(ENTERPRISE, SUPERVISOR),
                        new EnterpriseSupervisingArtisanChanged(ENTERPRISE, SUPERVISOR, SUCCESSOR, false, null))
                .whenAggregate(SUCCESSOR).publishes(new ArtisanStruckOff(SUCCESSOR, sealed(SUCCESSOR, "Cessation d'activité")))
                .expectDispatchedCommands(new FlagEnterpriseNonCompliant(ENTERPRISE, SUCCESSOR, CAUSE));
    }

    @Test
    void aSuccessorAfterAFlagIsWatchedInTurn() {
        artisans.put(SUCCESSOR, ArtisanStatus.ACTIVE);
        fixture.givenAggregate(ENTERPRISE).published(registered(ENTERPRISE, SUPERVISOR))
                .andThenAggregate(SUPERVISOR).published(new ArtisanStruckOff(SUPERVISOR, sealed(SUPERVISOR, "Décès")))
                .andThenAggregate(ENTERPRISE).published(
                        new EnterpriseSupervisingArtisanChanged(ENTERPRISE, SUPERVISOR, SUCCESSOR, true, null))
                .whenAggregate(SUCCESSOR).publishes(new ArtisanStruckOff(SUCCESSOR, sealed(SUCCESSOR, "Cessation d'activité")))
                .expectDispatchedCommands(new FlagEnterpriseNonCompliant(ENTERPRISE, SUCCESSOR, CAUSE));
    }

    @Test
    void aChangeForAnEnterpriseWhoseWatchHadEndedStartsANewOne() {
        artisans.put(SUCCESSOR, ArtisanStatus.ACTIVE);
        fixture.givenNoPriorActivity()
                .whenAggregate(ENTERPRISE).publishes(
                        new EnterpriseSupervisingArtisanChanged(ENTERPRISE, SUPERVISOR, SUCCESSOR, true, null))
                .expectActiveSagas(1)
                .expectAssociationWith(EnterpriseCompliance.ARTISAN_ID, SUCCESSOR);
    }

    @Test
    void strikingOffTheEnterpriseEndsTheWatch() {
        fixture.givenAggregate(ENTERPRISE).published(registered(ENTERPRISE, SUPERVISOR))
                .whenAggregate(ENTERPRISE).publishes(new EnterpriseStruckOff(ENTERPRISE, null))
                .expectActiveSagas(0);
    }
}
