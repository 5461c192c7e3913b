package ma.crafts.register.command.artisan;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.Objects;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.artisan.ArtisanDetailsAmended;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanReinstated;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardExpired;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.artisan.CardReinstated;
import ma.crafts.register.events.artisan.CardRenewed;
import ma.crafts.register.events.artisan.CardReplaced;
import ma.crafts.register.events.artisan.CardReportedLost;
import ma.crafts.register.events.artisan.CardRevoked;
import ma.crafts.register.events.artisan.CardSuspended;
import ma.crafts.register.events.artisan.MasterArtisanStatusGranted;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * The artisan as its event stream records it: the state that the {@link Artisan} aggregate's command handlers decide
 * on, changed only by the event-sourcing handlers here, and the checks that read nothing but that state. Snapshots
 * hold these fields.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
abstract class RecordedArtisan {
    @AggregateIdentifier
    String artisanId;
    String nia;
    ArtisanStatus status;
    ArtisanCategory category;
    /**
     * The registered qualification, its diploma reference as the registration recorded it: sealed, or CLEAR from a
     * registration recorded before references were sealed. Opened only to be compared, never kept opened.
     */
    RegisteredQualification qualification;
    String provinceCode;
    String regionCode;
    String activityCode;
    String branchCode;
    /** The latest sealed personal data; compared, never opened. */
    SealedPersonalData personalData;
    Card card;
    Memberships memberships = new Memberships();
    /** Once erased, there is nothing left to erase. */
    boolean personalDataErased;

    @EventSourcingHandler
    void on(ArtisanRegistered event) {
        artisanId = event.artisanId();
        nia = event.nia();
        status = ArtisanStatus.ACTIVE;
        category = event.category();
        qualification = event.qualification();
        provinceCode = event.provinceCode();
        regionCode = event.regionCode();
        activityCode = event.activityCode();
        branchCode = event.branchCode();
        personalData = event.personalData();
    }

    @EventSourcingHandler
    void on(ArtisanDetailsAmended event) {
        if (event.personalData() != null) {
            personalData = event.personalData();
        }
        if (event.activityCode() != null) {
            activityCode = event.activityCode();
            branchCode = event.branchCode();
        }
    }

    @EventSourcingHandler
    void on(ArtisanRelocated event) {
        provinceCode = event.provinceCode();
        regionCode = event.regionCode();
        if (event.personalData() != null) {
            personalData = event.personalData();
        }
    }

    @EventSourcingHandler
    void on(ArtisanSuspended event) {
        status = ArtisanStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(ArtisanReinstated event) {
        status = ArtisanStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(ArtisanStruckOff event) {
        status = ArtisanStatus.STRUCK_OFF;
    }

    @EventSourcingHandler
    void on(MasterArtisanStatusGranted event) {
        category = ArtisanCategory.MASTER_ARTISAN;
        qualification = qualification == null
                ? new RegisteredQualification(null, event.yearsOfPractice(), null)
                : qualification.withYearsOfPractice(event.yearsOfPractice());
    }

    @EventSourcingHandler
    void on(CardIssued event) {
        card = new Card(event.cardNumber(), event.validFrom(), event.validUntil());
    }

    @EventSourcingHandler
    void on(CardRenewed event) {
        card.renewedUntil(event.validUntil());
    }

    @EventSourcingHandler
    void on(CardExpired event) {
        card.expired();
    }

    @EventSourcingHandler
    void on(CardSuspended event) {
        card.status(CardStatus.SUSPENDED);
    }

    @EventSourcingHandler
    void on(CardReinstated event) {
        card.status(CardStatus.VALID);
    }

    @EventSourcingHandler
    void on(CardRevoked event) {
        card.status(CardStatus.REVOKED);
    }

    @EventSourcingHandler
    void on(CardReportedLost event) {
        card.status(CardStatus.LOST);
    }

    @EventSourcingHandler
    void on(CardReplaced event) {
        card = new Card(event.cardNumber(), event.validFrom(), event.validUntil());
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        personalDataErased = true;
    }

    @EventSourcingHandler
    void on(ArtisanJoinedProfessionalBody event) {
        memberships.joined(event);
    }

    @EventSourcingHandler
    void on(ProfessionalBodyMembershipEnded event) {
        memberships.ended(event);
    }

    /** The card a card command names must be the artisan's current one: older cards are settled. */
    Card currentCard(String cardNumber) {
        if (card == null) {
            throw new NotFoundException("Artisan " + artisanId + " holds no card " + cardNumber);
        }
        if (!card.cardNumber().equals(cardNumber)) {
            throw new RuleViolationException("card-superseded", "Card " + cardNumber + " is no longer artisan "
                    + artisanId + "'s current card (" + card.cardNumber() + ")");
        }
        return card;
    }

    /** The change was merged into the latest personal data, or it would silently undo a change recorded meanwhile. */
    void requireBasedOnLatest(SealedPersonalData basedOn) {
        if (!Objects.equals(basedOn, personalData)) {
            throw new ConcurrencyException("Artisan " + artisanId + "'s personal data changed while this change was "
                    + "being prepared; read it again and retry");
        }
    }

    void requireActive(String what) {
        if (status != ArtisanStatus.ACTIVE) {
            throw new RuleViolationException("artisan-must-be-active",
                    "Only an active artisan can obtain " + what + "; artisan " + artisanId + " is " + status);
        }
    }

    void requireNotStruckOff(String what) {
        if (status == ArtisanStatus.STRUCK_OFF) {
            throw new RuleViolationException("artisan-struck-off", "Artisan " + artisanId
                    + " is struck off; the record is final and cannot be " + what);
        }
    }
}
