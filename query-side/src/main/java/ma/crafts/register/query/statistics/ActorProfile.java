package ma.crafts.register.query.statistics;

import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.values.ArtisanStatus;

/**
 * What the statistics count of one actor: its value in every dimension. The age band is kept as the birth month
 * ({@link Dimension#AGE_BAND} holds {@code YYYY-MM}), turned into a band at the reference day of a read.
 */
public record ActorProfile(Map<Dimension, String> values) {

    /** The value of a dimension that does not apply (a cooperative's gender) or is not known. */
    public static final String NONE = "NONE";

    public ActorProfile {
        values = Map.copyOf(values);
    }

    public String value(Dimension dimension) {
        return values.getOrDefault(dimension, NONE);
    }

    /** An artisan as folded; {@code birthMonth} comes from its sealed personal data (null when unknown). */
    public static ActorProfile of(ArtisanState artisan, YearMonth birthMonth, String categoryCode) {
        Map<Dimension, String> v = new EnumMap<>(Dimension.class);
        v.put(Dimension.ACTOR_KIND, ActorKind.ARTISAN.name());
        v.put(Dimension.REGION, orNone(artisan.regionCode()));
        v.put(Dimension.PROVINCE, orNone(artisan.provinceCode()));
        v.put(Dimension.CATEGORY, orNone(categoryCode));
        v.put(Dimension.BRANCH, orNone(artisan.branchCode()));
        v.put(Dimension.ACTIVITY, orNone(artisan.activityCode()));
        v.put(Dimension.GENDER, artisan.gender() == null ? NONE : artisan.gender().name());
        v.put(Dimension.AGE_BAND, birthMonth == null ? NONE : birthMonth.toString());
        v.put(Dimension.STATUS, artisan.status().name());
        v.put(Dimension.ARTISAN_CATEGORY, artisan.category() == null ? NONE : artisan.category().name());
        v.put(Dimension.QUALIFICATION_ROUTE, artisan.qualification() == null || artisan.qualification().route() == null
                ? NONE : artisan.qualification().route().name());
        v.put(Dimension.CARD_STATUS, artisan.currentCard().map(c -> c.status().name()).orElse(NONE));
        v.put(Dimension.MEMBER, Boolean.toString(!artisan.memberships().isEmpty()));
        return new ActorProfile(v);
    }

    /**
     * A cooperative or an enterprise, counted under its main activity (the first it declared). Neither has a register
     * status of its own beyond being registered, a card, a membership or a person's attributes.
     */
    public static ActorProfile ofOrganisation(ActorKind kind, String regionCode, String provinceCode,
                                              List<String> activityCodes, List<String> branchCodes,
                                              String categoryCode) {
        Map<Dimension, String> v = new EnumMap<>(Dimension.class);
        v.put(Dimension.ACTOR_KIND, kind.name());
        v.put(Dimension.REGION, orNone(regionCode));
        v.put(Dimension.PROVINCE, orNone(provinceCode));
        v.put(Dimension.CATEGORY, orNone(categoryCode));
        v.put(Dimension.BRANCH, branchCodes == null || branchCodes.isEmpty() ? NONE : orNone(branchCodes.get(0)));
        v.put(Dimension.ACTIVITY, activityCodes == null || activityCodes.isEmpty() ? NONE : orNone(activityCodes.get(0)));
        v.put(Dimension.STATUS, ArtisanStatus.ACTIVE.name());
        v.put(Dimension.MEMBER, Boolean.toString(false));
        return new ActorProfile(v);
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
