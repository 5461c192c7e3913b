package ma.crafts.register.command;

import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Period;
import ma.crafts.register.command.artisan.Artisan;
import ma.crafts.register.command.artisan.ArtisanChanges;
import ma.crafts.register.command.artisan.ArtisanCommandController;
import ma.crafts.register.command.artisan.ArtisanRecords;
import ma.crafts.register.command.artisan.ArtisanRegistration;
import ma.crafts.register.command.artisan.CinReservations;
import ma.crafts.register.command.body.BodyConstitution;
import ma.crafts.register.command.body.EventSourcedProfessionalBodies;
import ma.crafts.register.command.body.ProfessionalBodies;
import ma.crafts.register.command.body.ProfessionalBody;
import ma.crafts.register.command.body.ProfessionalBodyCommandController;
import ma.crafts.register.command.card.CardCommandController;
import ma.crafts.register.command.card.CardIssuing;
import ma.crafts.register.command.cooperative.CooperativeConfiguration;
import ma.crafts.register.command.enterprise.EnterpriseConfiguration;
import ma.crafts.register.command.erasure.ErasureController;
import ma.crafts.register.command.erasure.ErasureReplay;
import ma.crafts.register.command.erasure.PersonalDataErasure;
import ma.crafts.register.command.imports.ImportConfiguration;
import ma.crafts.register.command.mongo.CommandMongoConfiguration;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.command.numbering.SequenceAllocator;
import ma.crafts.register.command.programme.ProgrammeConfiguration;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.platform.idempotency.IdempotencyKeyStore;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Everything the command side needs, without component scanning so that a launcher can {@code @Import} it next to
 * the query side's configuration. Properties (all optional):
 * <ul>
 *   <li>{@code register.policy.card-validity} (default {@code P5Y}, provisional), {@code register.policy.minimum-age}
 *   (15), {@code register.policy.maximum-age} (120), {@code register.policy.card-renewal-window} ({@code P3M},
 *   provisional), {@code register.policy.card-renewal-grace} ({@code P6M}, provisional),
 *   {@code register.policy.experience-route-years} (3) and {@code register.policy.master-artisan-years} (10), both
 *   as the RNA FAQ reads Law 50.17;</li>
 *   <li>{@code register.snapshots.threshold}: events between aggregate snapshots (50);</li>
 *   <li>{@code register.cin-reservation.take-over-after} (PT2M);</li>
 *   <li>{@code register.nomenclature.file} / {@code REGISTER_NOMENCLATURE_FILE}: replaces the shipped nomenclature.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Import({Artisan.class, ProfessionalBody.class, ArtisanCommandController.class, CardCommandController.class,
        ProfessionalBodyCommandController.class, CommandMongoConfiguration.class, CooperativeConfiguration.class,
        EnterpriseConfiguration.class, ProgrammeConfiguration.class, ErasureController.class,
        ImportConfiguration.class})
public class CommandSideConfiguration {

    /** The register's clock is the system clock in Morocco's zone unless the application defines one Clock bean. */
    @Bean
    public RegisterPolicy registerPolicy(ObjectProvider<Clock> clock,
                                         @Value("${register.policy.card-validity:P5Y}") Period cardValidity,
                                         @Value("${register.policy.minimum-age:15}") int minimumAge,
                                         @Value("${register.policy.maximum-age:120}") int maximumAge,
                                         @Value("${register.policy.card-renewal-window:P3M}") Period cardRenewalWindow,
                                         @Value("${register.policy.card-renewal-grace:P6M}") Period cardRenewalGrace,
                                         @Value("${register.policy.experience-route-years:3}") int experienceRouteYears,
                                         @Value("${register.policy.master-artisan-years:10}") int masterArtisanYears) {
        Clock registerClock = clock.getIfUnique(Clock::systemUTC).withZone(RegisterPolicy.MOROCCO);
        return new RegisterPolicy(registerClock, cardValidity, minimumAge, maximumAge, cardRenewalWindow,
                cardRenewalGrace, experienceRouteYears, masterArtisanYears);
    }

    @Bean
    public SnapshotTriggerDefinition artisanSnapshotTrigger(Snapshotter snapshotter,
                                                            @Value("${register.snapshots.threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    public SnapshotTriggerDefinition professionalBodySnapshotTrigger(Snapshotter snapshotter,
                                                                     @Value("${register.snapshots.threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    public TextSealer textSealer(PersonalDataVault vault) {
        return TextSealer.of(vault);
    }

    @Bean
    public TextOpener textOpener(PersonalDataVault vault) {
        return TextOpener.of(vault);
    }

    @Bean
    public ActorMetadata actorMetadata(CurrentActor actor, TextSealer sealer) {
        return new ActorMetadata(actor, sealer);
    }

    @Bean
    public CorrelationDataProvider registerCorrelationDataProvider() {
        return ActorMetadata.correlationDataProvider();
    }

    @Bean
    public CommandGatewayReceipts commandGatewayReceipts(CommandGateway gateway) {
        return new CommandGatewayReceipts(gateway);
    }

    @Bean
    public RequestValidation commandRequestValidation(Validator validator) {
        return new RequestValidation(validator);
    }

    @Bean
    public EventStreams commandEventStreams(EventStore eventStore) {
        return new EventStreams(eventStore);
    }

    @Bean
    public ProfessionalBodies professionalBodies(org.axonframework.config.Configuration axon) {
        return new EventSourcedProfessionalBodies(() -> axon.repository(ProfessionalBody.class));
    }

    @Bean
    public ArtisanRegistration artisanRegistration(CommandGatewayReceipts commands, AccessPolicy access, CurrentActor actor,
                                                   PersonalDataVault vault, CinReservations cinReservations,
                                                   SequenceAllocator sequences, IssuedNumbers issuedNumbers,
                                                   Geography geography, Nomenclature nomenclature,
                                                   RegisterPolicy policy, EventStreams streams) {
        return new ArtisanRegistration(commands, access, actor, vault, cinReservations, sequences, issuedNumbers,
                geography, nomenclature, policy, streams::exists);
    }

    @Bean
    public ArtisanRecords artisanRecords(EventStore eventStore) {
        return new ArtisanRecords(eventStore);
    }

    @Bean
    public ArtisanChanges artisanChanges(CommandGatewayReceipts commands, AccessPolicy access, PersonalDataVault vault,
                                         ArtisanRecords records, Geography geography, RegisterPolicy policy) {
        return new ArtisanChanges(commands, access, vault, records, geography, policy);
    }

    @Bean
    public CardIssuing cardIssuing(CommandGatewayReceipts commands, AccessPolicy access, CurrentActor actor,
                                   SequenceAllocator sequences, IssuedNumbers issuedNumbers, RegisterPolicy policy,
                                   EventStreams streams) {
        return new CardIssuing(commands, access, actor, sequences, issuedNumbers, policy, streams);
    }

    @Bean
    public PersonalDataErasure personalDataErasure(CommandGatewayReceipts commands, PersonalDataVault vault,
                                                   CinReservations cinReservations, IdempotencyKeyStore idempotency,
                                                   MongoEventStorageEngine storage) {
        return new PersonalDataErasure(commands, vault, cinReservations, idempotency, storage);
    }

    @Bean
    public ErasureReplay erasureReplay(MongoEventStorageEngine storage, PersonalDataErasure erasure) {
        return new ErasureReplay(storage, erasure);
    }

    @Bean
    public BodyConstitution bodyConstitution(CommandGatewayReceipts commands, AccessPolicy access, EventStreams streams) {
        return new BodyConstitution(commands, access, streams::exists);
    }
}
