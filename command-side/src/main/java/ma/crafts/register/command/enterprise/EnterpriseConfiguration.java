package ma.crafts.register.command.enterprise;

import ma.crafts.register.command.artisan.Artisan;
import ma.crafts.register.command.cooperative.CooperativeConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Enterprises, their supervisor check and the {@link EnterpriseCompliance} process manager with its tracking
 * processor. Imported by the command side; needs {@link CooperativeConfiguration} for the shared enrolment.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@Import({Enterprise.class, EnterpriseCompliance.class, EnterpriseCommandController.class})
public class EnterpriseConfiguration {

    /**
     * A tracking processor (its token in the register's token store, so a restart resumes where it stopped; one node
     * at a time owns it) that starts at the beginning of the event store, so no enterprise is ever missed, and that
     * propagates handler failures, so a flag that could not be sent is retried rather than logged and lost.
     */
    @Autowired
    public void configureEnterpriseCompliance(EventProcessingConfigurer processing, TokenStore tokenStore) {
        processing.registerTokenStore(EnterpriseCompliance.PROCESSING_GROUP, c -> tokenStore)
                .registerTrackingEventProcessor(EnterpriseCompliance.PROCESSING_GROUP, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerListenerInvocationErrorHandler(EnterpriseCompliance.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }

    @Bean
    public SupervisingArtisans supervisingArtisans(Configuration axon, Serializer serializer) {
        return new EventSourcedSupervisingArtisans(() -> axon.repository(Artisan.class), serializer);
    }
}
