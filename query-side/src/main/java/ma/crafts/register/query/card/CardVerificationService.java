package ma.crafts.register.query.card;

import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.PersonalDataMasking;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.artisan.CardState;
import ma.crafts.register.query.card.mongo.CardVerificationRepository;
import ma.crafts.register.values.CardStatus;

/** Answers a public card check from the card projection, judging expiry on today's date in Morocco. */
public class CardVerificationService {

    private final CardVerificationRepository repository;
    private final PersonalDataVault vault;
    private final RegisterCalendar calendar;
    private final ProjectionFreshness freshness;

    public CardVerificationService(CardVerificationRepository repository, PersonalDataVault vault,
                                   RegisterCalendar calendar, ProjectionFreshness freshness) {
        this.repository = repository;
        this.vault = vault;
        this.calendar = calendar;
        this.freshness = freshness;
    }

    public CardVerification verify(String cardNumber, Long minPosition) {
        freshness.await(CardProjection.PROCESSING_GROUP, minPosition);
        CardRecord record = repository.findCard(cardNumber)
                .orElseThrow(() -> new NotFoundException("No card is registered under number " + cardNumber));
        var today = calendar.today();
        String initials = record.holderData() == null ? null
                : vault.open(record.holderData()).map(PersonalDataMasking::holderInitials).orElse(null);
        CardState card = record.card();
        CardStatus status = card.effectiveStatus(today);
        boolean notYetValid = card.validFrom() != null && today.isBefore(card.validFrom());
        return new CardVerification(card.isValidOn(today, record.holderStatus()), status, record.validUntil(),
                record.activityCode(), initials,
                CardVerification.invalidBecause(status, notYetValid, record.holderStatus()));
    }
}
