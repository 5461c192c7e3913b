package ma.crafts.register.command.cooperative;

import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.EventStreams;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.command.numbering.SequenceAllocator;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.reference.Geography;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Cooperatives, and the enrolment and amendment steps that enterprises share with them. Imported by the command side. */
@Configuration(proxyBeanMethods = false)
@Import({Cooperative.class, CooperativeCommandController.class})
public class CooperativeConfiguration {

    @Bean
    public ActorEnrolment actorEnrolment(CommandGatewayReceipts commands, AccessPolicy access, CurrentActor actor,
                                         PersonalDataVault vault, SequenceAllocator sequences,
                                         IssuedNumbers issuedNumbers, Geography geography, RegisterPolicy policy,
                                         EventStreams streams) {
        return new ActorEnrolment(commands, access, actor, vault, sequences, issuedNumbers, geography, policy,
                streams::exists);
    }

    @Bean
    public ActorAmendments actorAmendments(CommandGatewayReceipts commands, AccessPolicy access,
                                           PersonalDataVault vault, EventStore eventStore) {
        return new ActorAmendments(commands, access, vault, eventStore);
    }
}
