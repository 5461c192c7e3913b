package ma.crafts.register.command.enterprise;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.Map;
import ma.crafts.register.command.ActorMetadata;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.enterprise.EnterpriseFlaggedNonCompliant;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.values.ArtisanStatus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Keeps an enterprise's registration condition under watch (Law 50.17: production supervised by an artisan registered
 * in the RNA). Starts when the enterprise is registered, follows its supervising artisan, and when that artisan is
 * struck off flags the enterprise as non-compliant, which also notifies the enterprise's region; then it ends, since
 * striking off is final.
 *
 * <p>Runs on the tracking processor {@value #PROCESSING_GROUP} (see {@link EnterpriseConfiguration}), whose token and
 * whose saga instances are stored in MongoDB, so a restart loses neither. The commands it sends are recorded as by
 * {@value ActorMetadata#SYSTEM} for the national register ({@value CurrentActor#NATIONAL}), keeping the trace of the
 * strike-off that caused them.
 */
@Saga
@ProcessingGroup(EnterpriseCompliance.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class EnterpriseCompliance {
    public static final String PROCESSING_GROUP = "enterprise-compliance";
    static final String ARTISAN_ID = "artisanId";

    private String enterpriseId;
    private String supervisingArtisanId;

    @StartSaga
    @SagaEventHandler(associationProperty = "enterpriseId")
    public void on(EnterpriseRegistered event, CommandGateway commands, SupervisingArtisans supervisors) {
        enterpriseId = event.enterpriseId();
        supervisingArtisanId = event.supervisingArtisanId();
        SagaLifecycle.associateWith(ARTISAN_ID, supervisingArtisanId);
        // A strike-off that another node committed after checking the supervisor, but that this processor read before
        // the registration, never reaches this saga: look at the artisan once now.
        if (supervisors.statusOf(supervisingArtisanId, null)
                .filter(status -> status == ArtisanStatus.STRUCK_OFF).isPresent()) {
            flag(commands);
        }
    }

    @SagaEventHandler(associationProperty = ARTISAN_ID)
    public void on(ArtisanStruckOff event, CommandGateway commands) {
        flag(commands);
    }

    private void flag(CommandGateway commands) {
        // Waits for the command, so a failure fails this event and the processor retries it rather than dropping it.
        commands.sendAndWait(new GenericCommandMessage<>(new FlagEnterpriseNonCompliant(enterpriseId,
                supervisingArtisanId, EnterpriseFlaggedNonCompliant.SUPERVISING_ARTISAN_STRUCK_OFF),
                Map.of(ActorMetadata.RECORDED_BY, ActorMetadata.SYSTEM, ActorMetadata.CHAMBER, CurrentActor.NATIONAL)));
        SagaLifecycle.end();
    }
}
