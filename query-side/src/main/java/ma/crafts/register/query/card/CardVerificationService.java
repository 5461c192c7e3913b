package ma.crafts.register.query.card;

import java.util.List;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.PersonalDataMasking;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.card.mongo.CardVerificationRepository;
import ma.crafts.register.query.eligibility.EligibilityService;

/** Answers the public card checks from the card projection, judging expiry on today's date in Morocco. */
public class CardVerificationService {

    private final CardVerificationRepository repository;
    private final PersonalDataVault vault;
    private final RegisterCalendar calendar;
    private final ProjectionFreshness freshness;
    private final EligibilityService eligibility;

    public CardVerificationService(CardVerificationRepository repository, PersonalDataVault vault,
                                   RegisterCalendar calendar, ProjectionFreshness freshness,
                                   EligibilityService eligibility) {
        this.repository = repository;
        this.vault = vault;
        this.calendar = calendar;
        this.freshness = freshness;
        this.eligibility = eligibility;
    }

    /** The check by card number: validity only. */
    public CardVerification verify(String cardNumber, Long minPosition) {
        freshness.await(CardProjection.PROCESSING_GROUP, minPosition);
        CardRecord record = repository.findCard(cardNumber)
                .orElseThrow(() -> new NotFoundException("No card is registered under number " + cardNumber));
        return CardVerification.of(record, calendar.today());
    }

    /**
     * The check by the code the card's QR holds. A code a renewal replaced is unknown here, like one never issued; the
     * card record must still carry the code, so a code forgotten late (between two writes of a batch) never answers.
     */
    public CardCheck check(String checkCode) {
        CardRecord record = repository.findCardNumberByCheckCode(checkCode)
                .flatMap(repository::findCard)
                .filter(card -> checkCode.equals(card.checkCode()))
                .orElseThrow(() -> new NotFoundException("No card carries this check code"));
        String initials = record.holderData() == null ? null
                : vault.open(record.holderData()).map(PersonalDataMasking::holderInitials).orElse(null);
        List<String> programmes = repository.findHolder(record.artisanId())
                .map(eligibility::eligibleProgrammesToday)
                .orElse(List.of());
        return CardCheck.of(CardVerification.of(record, calendar.today()), record.activityCode(), initials,
                programmes);
    }
}
