package ma.crafts.register.query.card;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.ReadAccess.Disclosure;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.card.mongo.CardVerificationRepository;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;

/**
 * The printable professional card. It carries the holder's full name, so only those who read the holder's personal
 * data in full may print it: the chamber clerks of the holder's current region, and auditors. A ministry analyst, who
 * reads personal data masked, may not.
 */
public class CardDocuments {

    /** What the printed card shows of the holder's personal data. */
    private static final List<String> PRINTED_FIELDS = List.of("firstName", "lastName");

    private final CardVerificationRepository repository;
    private final PersonalDataVault vault;
    private final ReadAccess access;
    private final ReferenceCatalog reference;
    private final RegisterCalendar calendar;
    private final CardDocumentRenderer renderer;
    private final PersonalDataReadLog readLog;

    public CardDocuments(CardVerificationRepository repository, PersonalDataVault vault, ReadAccess access,
                         ReferenceCatalog reference, RegisterCalendar calendar, CardDocumentRenderer renderer,
                         PersonalDataReadLog readLog) {
        this.readLog = readLog;
        this.repository = repository;
        this.vault = vault;
        this.access = access;
        this.reference = reference;
        this.calendar = calendar;
        this.renderer = renderer;
    }

    /**
     * The card as a PDF. Only a valid card is printed: a lost, suspended, revoked or expired card, or the card of a
     * holder who is not active, would be a document the register itself disowns.
     *
     * @param checkUrl the public check URL for a check code
     */
    public byte[] document(String cardNumber, UnaryOperator<String> checkUrl) {
        access.requireArtisanReader();
        CardRecord card = repository.findCard(cardNumber).orElseThrow(() -> notFound(cardNumber));
        ArtisanState holder = repository.findHolder(card.artisanId()).orElseThrow(() -> notFound(cardNumber));
        if (access.requireArtisanRead(holder.regionCode()) != Disclosure.FULL) {
            throw new ForbiddenException("The printed card shows the holder's full name: only chamber clerks of the "
                    + "holder's region and auditors may print it");
        }
        CardVerification verification = CardVerification.of(card, calendar.today());
        if (!verification.valid()) {
            throw new RuleViolationException("card-not-valid", "Card " + cardNumber + " is not valid ("
                    + verification.invalidBecause() + "); only a valid card is printed");
        }
        if (card.checkCode() == null) {
            throw new RuleViolationException("card-without-check-code", "Card " + cardNumber
                    + " was issued before cards carried a check code; it gets one when it is renewed");
        }
        PersonalData person = (holder.personalData() == null ? null : vault.open(holder.personalData()).orElse(null));
        if (person == null) {
            throw new RuleViolationException("personal-data-erased", "The holder's personal data has been erased");
        }
        readLog.record(holder.artisanId(), PRINTED_FIELDS);
        Geography.Region region = reference.geography().region(holder.regionCode())
                .orElseThrow(() -> new IllegalStateException("Unknown region " + holder.regionCode()));
        LocalizedText activity = reference.nomenclature().activity(holder.activityCode())
                .map(Nomenclature.Activity::name)
                .orElse(new LocalizedText(holder.activityCode(), holder.activityCode()));
        return renderer.render(new PrintedCard(region.name(),
                name(person.firstName().fr(), person.lastName().fr()),
                name(person.firstName().ar(), person.lastName().ar()),
                holder.nia(), activity, card.cardNumber(), card.validFrom(), card.validUntil(),
                checkUrl.apply(card.checkCode())));
    }

    private static String name(String first, String last) {
        return Stream.of(first, last).filter(Objects::nonNull).collect(Collectors.joining(" "));
    }

    private static NotFoundException notFound(String cardNumber) {
        return new NotFoundException("No card is registered under number " + cardNumber);
    }
}
