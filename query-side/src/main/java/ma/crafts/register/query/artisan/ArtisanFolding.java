package ma.crafts.register.query.artisan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanReinstated;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;

/**
 * The one place that knows how an artisan's events change its state. The artisan view projection, the card projection
 * and the {@code ?asOf} replay all fold through this class, so a state rebuilt from the event store for a past instant
 * is computed exactly as the live view was.
 *
 * <p>Folding is idempotent: an event whose sequence number is not above the state's version is ignored, so a
 * redelivered or replayed event leaves the state unchanged.
 */
public final class ArtisanFolding {

    private final Map<Class<?>, BiFunction<ArtisanState.Builder, Object, ArtisanState.Builder>> transitions =
            new LinkedHashMap<>();

    public ArtisanFolding() {
        on(ArtisanSuspended.class, (s, e) -> s.status(ArtisanStatus.SUSPENDED));
        on(ArtisanReinstated.class, (s, e) -> s.status(ArtisanStatus.ACTIVE));
        on(ArtisanStruckOff.class, (s, e) -> s.status(ArtisanStatus.STRUCK_OFF));
        on(CardIssued.class, (s, e) -> s.cards(append(s.cards, new CardState(e.cardNumber(), CardStatus.VALID,
                e.validFrom(), e.validUntil()))));
        on(ArtisanJoinedProfessionalBody.class, (s, e) -> s.memberships(upsertMembership(s.memberships,
                new MembershipState(e.bodyId(), e.branchCode(), e.since()))));
    }

    private <E> void on(Class<E> type, BiFunction<ArtisanState.Builder, E, ArtisanState.Builder> transition) {
        transitions.put(type, (s, e) -> transition.apply(s, type.cast(e)));
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
        BiFunction<ArtisanState.Builder, Object, ArtisanState.Builder> transition = transitions.get(payload.getClass());
        ArtisanState.Builder next = current.toBuilder();
        if (transition != null) {
            next = transition.apply(next, payload);
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
