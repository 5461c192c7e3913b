package ma.crafts.register.query.card;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.events.artisan.CardReinstated;
import ma.crafts.register.events.artisan.CardRevoked;
import ma.crafts.register.events.artisan.CardSuspended;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.PersonalDataMasking;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.ReadAccess.Disclosure;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.artisan.ArtisanStream;
import ma.crafts.register.query.artisan.ArtisanStreamReader;
import ma.crafts.register.query.artisan.CardState;
import ma.crafts.register.query.card.mongo.CardVerificationRepository;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import ma.crafts.register.values.SealedText;

/**
 * Reads one card for the readers of its holder's region. The card projection says whose card it is; the holder's
 * stream, read from the store and folded like the view, gives the card's state and every change of it.
 */
public class CardQueries {

    private final CardVerificationRepository repository;
    private final ArtisanStreamReader streams;
    private final ReadAccess access;
    private final ProjectionFreshness freshness;
    private final RegisterCalendar calendar;
    private final PersonalDataVault vault;
    private final PersonalDataReadLog readLog;

    public CardQueries(CardVerificationRepository repository, ArtisanStreamReader streams, ReadAccess access,
                       ProjectionFreshness freshness, RegisterCalendar calendar, PersonalDataVault vault,
                       PersonalDataReadLog readLog) {
        this.vault = vault;
        this.readLog = readLog;
        this.repository = repository;
        this.streams = streams;
        this.access = access;
        this.freshness = freshness;
        this.calendar = calendar;
    }

    public CardDetails card(String cardNumber, Long minPosition) {
        access.requireArtisanReader();
        freshness.await(CardProjection.PROCESSING_GROUP, minPosition);
        CardRecord record = repository.findCard(cardNumber).orElseThrow(() -> notFound(cardNumber));
        List<ArtisanStream.Step> steps = streams.read(record.artisanId()).map(ArtisanStream::steps).orElse(List.of());
        if (steps.isEmpty()) {
            throw notFound(cardNumber);
        }
        ArtisanState holder = steps.get(steps.size() - 1).after();
        Disclosure disclosure = access.requireArtisanRead(holder.regionCode());
        CardState card = cardOf(holder, cardNumber).orElseThrow(() -> notFound(cardNumber));
        LocalDate today = calendar.today();
        List<CardStatusChange> history = history(steps, cardNumber, disclosure);
        if (disclosure == Disclosure.FULL && history.stream().anyMatch(change -> change.reason() != null)) {
            readLog.record(holder.artisanId(), List.of("reason"));
        }
        return new CardDetails(card.cardNumber(), holder.artisanId(), card.effectiveStatus(today),
                card.isValidOn(today, holder.status()), card.validFrom(), card.validUntil(), card.checkCode(),
                holder.activityCode(),
                holder.status(), history, holder.version());
    }

    /** A change wherever the card's own status or last valid day differs from the step before. */
    /** Every change of the card; a reason, sealed under the holder's key, opened for full disclosure or masked. */
    private List<CardStatusChange> history(List<ArtisanStream.Step> steps, String cardNumber, Disclosure disclosure) {
        List<CardStatusChange> changes = new ArrayList<>();
        CardState previous = null;
        for (ArtisanStream.Step step : steps) {
            CardState now = cardOf(step.after(), cardNumber).orElse(null);
            if (now == null || (previous != null && previous.status() == now.status()
                    && Objects.equals(previous.validUntil(), now.validUntil()))) {
                continue;
            }
            Object payload = step.event().payload();
            SealedText reason = reasonOf(payload);
            changes.add(new CardStatusChange(now.status(), now.validUntil(), payload.getClass().getSimpleName(),
                    step.event().occurredAt(), step.event().position(), reason == null ? null
                    : disclosure == Disclosure.MASKED ? PersonalDataMasking.MASK : vault.openText(reason).orElse(null)));
            previous = now;
        }
        return changes;
    }

    private static SealedText reasonOf(Object payload) {
        if (payload instanceof CardSuspended suspended) {
            return suspended.reason();
        }
        if (payload instanceof CardRevoked revoked) {
            return revoked.reason();
        }
        if (payload instanceof CardReinstated reinstated) {
            return reinstated.reason();
        }
        return null;
    }

    private static Optional<CardState> cardOf(ArtisanState holder, String cardNumber) {
        return holder.cards().stream().filter(c -> c.cardNumber().equals(cardNumber)).findFirst();
    }

    private static NotFoundException notFound(String cardNumber) {
        return new NotFoundException("No card is registered under number " + cardNumber);
    }
}
