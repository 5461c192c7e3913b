package ma.crafts.register.query.artisan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
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
import ma.crafts.register.events.artisan.DiplomaEvidenceChecked;
import ma.crafts.register.events.artisan.DiplomaEvidenceRecorded;
import ma.crafts.register.events.artisan.MasterArtisanStatusGranted;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;
import ma.crafts.register.values.RegisteredQualification;

/**
 * The one place that knows how an artisan's events change its state. The artisan view projection, the card projection
 * and the {@code ?asOf} replay all fold through this class, so a state rebuilt from the event store for a past instant
 * is computed exactly as the live view was.
 *
 * <p>Folding is idempotent: an event whose sequence number is not above the state's version is ignored, so a
 * redelivered or replayed event leaves the state unchanged.
 */
public final class ArtisanFolding {

    /** One event's effect on the state being built; {@code at} is when the event was recorded. */
    @FunctionalInterface
    private interface Transition<E> {
        ArtisanState.Builder apply(ArtisanState.Builder state, E event, Instant at);
    }

    private final Map<Class<?>, Transition<Object>> transitions = new LinkedHashMap<>();

    public ArtisanFolding() {
        on(ArtisanSuspended.class, (s, e, at) -> s.status(ArtisanStatus.SUSPENDED));
        on(ArtisanReinstated.class, (s, e, at) -> s.status(ArtisanStatus.ACTIVE));
        on(ArtisanStruckOff.class, (s, e, at) -> s.status(ArtisanStatus.STRUCK_OFF));
        on(ArtisanDetailsAmended.class, (s, e, at) -> {
            if (e.personalData() != null) {
                s.personalData(e.personalData());
            }
            if (e.activityCode() != null) {
                s.activityCode(e.activityCode()).branchCode(e.branchCode()).nomenclatureVersion(e.nomenclatureVersion());
            }
            return s;
        });
        on(ArtisanRelocated.class, (s, e, at) -> {
            s.provinceCode(e.provinceCode()).regionCode(e.regionCode());
            return e.personalData() == null ? s : s.personalData(e.personalData());
        });
        on(MasterArtisanStatusGranted.class, (s, e, at) -> s.category(ArtisanCategory.MASTER_ARTISAN)
                .qualification(s.qualification == null
                        ? new RegisteredQualification(null, e.yearsOfPractice(), null)
                        : s.qualification.withYearsOfPractice(e.yearsOfPractice()))
                // Years of practice are counted from this attestation on (see EligibilityFacts).
                .practiceDeclaredAt(at));
        on(DiplomaEvidenceRecorded.class, (s, e, at) -> s.diplomaEvidence(new DiplomaEvidenceState(e.diplomaRef(),
                e.issuer(), e.evidenceRef(), at, null, null)));
        on(DiplomaEvidenceChecked.class, (s, e, at) -> s.diplomaEvidence == null ? s
                : s.diplomaEvidence(s.diplomaEvidence.checked(e.outcome(), e.detail())));
        on(CardIssued.class, (s, e, at) -> s.cards(append(s.cards, new CardState(e.cardNumber(), CardStatus.VALID,
                e.validFrom(), e.validUntil(), e.checkCode()))));
        on(CardRenewed.class, (s, e, at) -> s.cards(updateCard(s.cards, e.cardNumber(),
                c -> c.renewed(e.validUntil(), e.checkCode()))));
        on(CardExpired.class, (s, e, at) -> s.cards(updateCard(s.cards, e.cardNumber(),
                c -> c.withStatus(CardStatus.EXPIRED))));
        on(CardSuspended.class, (s, e, at) -> s.cards(updateCard(s.cards, e.cardNumber(),
                c -> c.withStatus(CardStatus.SUSPENDED))));
        on(CardReinstated.class, (s, e, at) -> s.cards(updateCard(s.cards, e.cardNumber(),
                c -> c.withStatus(CardStatus.VALID))));
        on(CardRevoked.class, (s, e, at) -> s.cards(updateCard(s.cards, e.cardNumber(),
                c -> c.withStatus(CardStatus.REVOKED))));
        on(CardReportedLost.class, (s, e, at) -> s.cards(updateCard(s.cards, e.cardNumber(),
                c -> c.withStatus(CardStatus.LOST))));
        on(CardReplaced.class, (s, e, at) -> s.cards(append(s.cards, new CardState(e.cardNumber(), CardStatus.VALID,
                e.validFrom(), e.validUntil(), e.checkCode()))));
        on(PersonalDataErased.class, (s, e, at) -> s.personalData(null));
        on(ArtisanJoinedProfessionalBody.class, (s, e, at) -> s.memberships(upsertMembership(s.memberships,
                new MembershipState(e.bodyId(), e.branchCode(), e.since()))));
        on(ProfessionalBodyMembershipEnded.class, (s, e, at) -> s
                .memberships(s.memberships.stream().filter(m -> !m.bodyId().equals(e.bodyId())).toList())
                .endedMemberships(append(s.endedMemberships, new EndedMembershipState(e.bodyId(), e.branchCode(),
                        e.since(), e.endedOn(), e.cause(), e.reason()))));
    }

    @SuppressWarnings("unchecked")
    private <E> void on(Class<E> type, Transition<E> transition) {
        transitions.put(type, (Transition<Object>) transition);
    }

    /** The simple names of the event types an artisan's stream holds: the registration and every type folded here. */
    public Set<String> eventTypes() {
        Set<String> types = new TreeSet<>();
        types.add(ArtisanRegistered.class.getSimpleName());
        transitions.keySet().forEach(type -> types.add(type.getSimpleName()));
        return Collections.unmodifiableSet(types);
    }

    /**
     * Applies one event. Returns the state unchanged for an event already applied, and empty when the stream does not
     * begin with a registration (nothing to apply the event to). An event type this class does not know still advances
     * the version and position, so the view's {@code version} always matches the aggregate's.
     */
    public Optional<ArtisanState> apply(ArtisanState current, ArtisanEvent event) {
        if (current != null && event.sequence() <= current.version()) {
            return Optional.of(current);
        }
        Object payload = event.payload();
        if (payload instanceof ArtisanRegistered registered) {
            return Optional.of(registered(registered, event));
        }
        if (current == null) {
            return Optional.empty();
        }
        Transition<Object> transition = transitions.get(payload.getClass());
        ArtisanState.Builder next = current.toBuilder();
        if (transition != null) {
            next = transition.apply(next, payload, event.occurredAt());
        }
        return Optional.of(stamp(next, event).build());
    }

    /** Folds a whole stream (oldest first); empty when it holds no registration. */
    public Optional<ArtisanState> foldAll(Iterable<ArtisanEvent> events) {
        ArtisanState state = null;
        for (ArtisanEvent event : events) {
            state = apply(state, event).orElse(state);
        }
        return Optional.ofNullable(state);
    }

    /** Folds the events recorded at or before {@code asOf}; empty when the artisan did not exist yet. */
    public Optional<ArtisanState> foldUntil(Iterable<ArtisanEvent> events, Instant asOf) {
        ArtisanState state = null;
        for (ArtisanEvent event : events) {
            if (event.occurredAt().isAfter(asOf)) {
                break;
            }
            state = apply(state, event).orElse(state);
        }
        return Optional.ofNullable(state);
    }

    private static ArtisanState registered(ArtisanRegistered e, ArtisanEvent event) {
        ArtisanState.Builder b = new ArtisanState.Builder()
                .artisanId(event.artisanId())
                .nia(e.nia())
                .status(ArtisanStatus.ACTIVE)
                .category(e.category())
                .gender(e.gender())
                .provinceCode(e.provinceCode())
                .regionCode(e.regionCode())
                .activityCode(e.activityCode())
                .branchCode(e.branchCode())
                .nomenclatureVersion(e.nomenclatureVersion())
                .qualification(e.qualification())
                .personalData(e.personalData())
                .registeredAt(event.occurredAt())
                .practiceDeclaredAt(event.occurredAt())
                .registrationPosition(event.position());
        return stamp(b, event).build();
    }

    private static ArtisanState.Builder stamp(ArtisanState.Builder b, ArtisanEvent event) {
        return b.version(event.sequence()).position(event.position()).updatedAt(event.occurredAt());
    }

    static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    /** Cards are few per artisan; an event naming a card the state does not hold changes nothing. */
    static List<CardState> updateCard(List<CardState> cards, String cardNumber, UnaryOperator<CardState> change) {
        List<CardState> copy = new ArrayList<>(cards.size());
        for (CardState card : cards) {
            copy.add(card.cardNumber().equals(cardNumber) ? change.apply(card) : card);
        }
        return copy;
    }

    static List<MembershipState> upsertMembership(List<MembershipState> memberships, MembershipState joined) {
        List<MembershipState> copy = new ArrayList<>(memberships.size() + 1);
        for (MembershipState m : memberships) {
            if (!m.bodyId().equals(joined.bodyId())) {
                copy.add(m);
            }
        }
        copy.add(joined);
        return copy;
    }
}
