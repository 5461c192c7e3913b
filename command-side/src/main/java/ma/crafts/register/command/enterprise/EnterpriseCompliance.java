package ma.crafts.register.command.enterprise;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.Map;
import ma.crafts.register.command.ActorMetadata;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.enterprise.EnterpriseFlaggedNonCompliant;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.events.enterprise.EnterpriseStruckOff;
import ma.crafts.register.events.enterprise.EnterpriseSupervisingArtisanChanged;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.values.ArtisanStatus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Keeps an enterprise's registration condition under watch (Law 50.17: production supervised by an artisan registered
 * in the RNA). Starts when the enterprise is registered, follows its supervising artisan (the new one after a change),
 * and when that artisan is struck off flags the enterprise as non-compliant, which also notifies the enterprise's
 * region. It ends when the enterprise is struck off.
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
        follow(event.enterpriseId(), event.supervisingArtisanId(), commands, supervisors);
    }

    /**
     * Follows the new supervisor from now on. Also starts a watch for an enterprise whose earlier watch ended, as one
     * did once its supervisor was struck off before supervisors could change.
     */
    @StartSaga
    @SagaEventHandler(associationProperty = "enterpriseId")
    public void on(EnterpriseSupervisingArtisanChanged event, CommandGateway commands, SupervisingArtisans supervisors) {
        if (supervisingArtisanId != null) {
            SagaLifecycle.removeAssociationWith(ARTISAN_ID, supervisingArtisanId);
        }
        follow(event.enterpriseId(), event.supervisingArtisanId(), commands, supervisors);
    }

    @SagaEventHandler(associationProperty = ARTISAN_ID)
    public void on(ArtisanStruckOff event, CommandGateway commands) {
        flag(commands);
    }

    /** Striking off the enterprise is final: nothing left to watch. */
    @EndSaga
    @SagaEventHandler(associationProperty = "enterpriseId")
    public void on(EnterpriseStruckOff event) {
        // The annotation ends the watch.
    }

    private void follow(String enterprise, String supervisor, CommandGateway commands,
                        SupervisingArtisans supervisors) {
        enterpriseId = enterprise;
        supervisingArtisanId = supervisor;
        SagaLifecycle.associateWith(ARTISAN_ID, supervisingArtisanId);
        // A strike-off that another node committed after checking the supervisor, but that this processor read before
        // the registration or the change, never reaches this saga: look at the artisan once now.
        if (supervisors.statusOf(supervisingArtisanId, null)
                .filter(status -> status == ArtisanStatus.STRUCK_OFF).isPresent()) {
            flag(commands);
        }
    }

    /**
     * The watch goes on after a flag, no longer on the struck-off artisan (final) but on the enterprise: a new
     * supervisor may restore it, and must be watched in turn.
     */
    private void flag(CommandGateway commands) {
        // Waits for the command, so a failure fails this event and the processor retries it rather than dropping it.
        commands.sendAndWait(new GenericCommandMessage<>(new FlagEnterpriseNonCompliant(enterpriseId,
                supervisingArtisanId, EnterpriseFlaggedNonCompliant.SUPERVISING_ARTISAN_STRUCK_OFF),
                Map.of(ActorMetadata.RECORDED_BY, ActorMetadata.SYSTEM, ActorMetadata.CHAMBER, CurrentActor.NATIONAL)));
        SagaLifecycle.removeAssociationWith(ARTISAN_ID, supervisingArtisanId);
    }
}
