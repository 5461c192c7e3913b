package ma.crafts.register.command.cooperative;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import ma.crafts.register.command.BilingualName;
import ma.crafts.register.command.artisan.Nia;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * The registration rules that cooperatives and enterprises share, checked in their aggregates (the authority) on the
 * sealed command: territory, activities of the current nomenclature, a name in both languages, the representative's
 * data sealed with the actor's own key, an NIA allocated for the actor's region, and the clerk's region. An amendment
 * is held to the same rules for the fields it changes.
 */
public final class ActorRules {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_ACTIVITIES = 20;

    /** The facts a registration event records, resolved from the reference data. */
    public record Resolved(Geography.Province province, List<Nomenclature.Activity> activities,
                           String nomenclatureVersion, LocalizedText name) {
        public List<String> activityCodes() {
            return activities.stream().map(Nomenclature.Activity::code).toList();
        }

        public List<String> branchCodes() {
            return activities.stream().map(Nomenclature.Activity::branchCode).toList();
        }
    }

    /** A registration command's shared part. */
    public record Registration(String idField, String actorId, String nia, LocalizedText name, String provinceCode,
                               List<String> activityCodes, Gender representativeGender,
                               SealedPersonalData representative, String actingRegion) {
    }

    /** The facts of a registered actor that an amendment is checked against, as its aggregate holds them. */
    public record Recorded(String kind, String actorId, String regionCode, ArtisanStatus status,
                           ActorDetails details) {
    }

    /** What an amendment changes, for its event; each part that did not change is null. */
    public record Amended(List<String> amendedFields, LocalizedText name, List<Nomenclature.Activity> activities,
                          String nomenclatureVersion, SealedPersonalData representative) {
        public List<String> activityCodes() {
            return activities == null ? null : activities.stream().map(Nomenclature.Activity::code).toList();
        }

        public List<String> branchCodes() {
            return activities == null ? null : activities.stream().map(Nomenclature.Activity::branchCode).toList();
        }
    }

    private ActorRules() {
    }

    /**
     * Checks a registration; throws {@link InvalidInputException} naming every bad field (those in {@code problems}
     * included), then {@link ForbiddenException} if the clerk's region is not the actor's.
     */
    public static Resolved check(Registration registration, List<FieldProblem> problems, Geography geography,
                                 Nomenclature nomenclature) {
        List<FieldProblem> all = new ArrayList<>(problems);
        if (registration.actorId() == null || registration.actorId().isBlank()) {
            all.add(new FieldProblem(registration.idField(), "is required"));
        }
        Geography.Province province = geography.province(registration.provinceCode()).orElse(null);
        if (province == null) {
            all.add(new FieldProblem("provinceCode", "'" + registration.provinceCode()
                    + "' is not an ISO 3166-2:MA prefecture or province code"));
        }
        List<Nomenclature.Activity> activities = activities(registration.activityCodes(), nomenclature, all);
        LocalizedText name = BilingualName.check("name", registration.name(), MAX_NAME_LENGTH, all);
        if (registration.representativeGender() == null) {
            all.add(new FieldProblem("gender", "must be F or M"));
        }
        requireOwnSeal(registration.representative(), registration.actorId(), all);
        Nia nia = Nia.parse(registration.nia());
        if (nia == null) {
            all.add(new FieldProblem("nia", "'" + registration.nia() + "' is not a valid NIA"));
        }
        if (!all.isEmpty()) {
            throw new InvalidInputException(all);
        }
        if (registration.actingRegion() != null && !registration.actingRegion().equals(province.regionCode())) {
            throw new ForbiddenException("A clerk of region " + registration.actingRegion()
                    + " may only register actors of that region");
        }
        if (!nia.regionCode().equals(province.regionCode())) {
            throw new IllegalArgumentException("NIA " + registration.nia() + " was not allocated for region "
                    + province.regionCode());
        }
        return new Resolved(province, activities, nomenclature.version(), name);
    }

    /**
     * Checks an amendment of {@code current} with the registration's rules, in the artisan amendment's order: a clerk
     * of another region is refused (403) before anything else, then every bad field is named (400), then a struck-off
     * actor or a change of nothing is a rule violation (409), and a representative's data changed since the amendment
     * was prepared a concurrency conflict.
     */
    public static Amended amend(ActorAmendment amendment, Recorded current, Nomenclature nomenclature) {
        ActorLifecycle.requireWithinRegion(amendment.actingRegion(), current.regionCode(), current.kind());
        List<FieldProblem> problems = new ArrayList<>();
        LocalizedText name = amendment.name() == null ? null
                : BilingualName.check("name", amendment.name(), MAX_NAME_LENGTH, problems);
        List<Nomenclature.Activity> activities = amendment.activityCodes() == null ? null
                : activities(amendment.activityCodes(), nomenclature, problems);
        boolean personal = !amendment.personalFields().isEmpty();
        if (personal) {
            requireOwnSeal(amendment.representative(), current.actorId(), problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        ActorLifecycle.requireNotStruckOff(current.status(), current.kind(), current.actorId());
        List<String> amended = new ArrayList<>();
        if (name != null && !name.equals(current.details().name())) {
            amended.add("name");
        } else {
            name = null;
        }
        if (activities != null && !activities.stream().map(Nomenclature.Activity::code).toList()
                .equals(current.details().activityCodes())) {
            amended.add("activityCodes");
        } else {
            activities = null;
        }
        amended.addAll(amendment.personalFields());
        if (amended.isEmpty()) {
            throw new RuleViolationException("no-change", "The amendment changes nothing in the " + current.kind()
                    + " " + current.actorId() + "'s record");
        }
        if (personal && !Objects.equals(amendment.basedOn(), current.details().representative())) {
            throw new ConcurrencyException("The representative's data of " + current.kind() + " " + current.actorId()
                    + " changed while this amendment was being prepared; read it again and retry");
        }
        return new Amended(amended, name, activities, activities == null ? null : nomenclature.version(),
                personal ? amendment.representative() : null);
    }

    private static void requireOwnSeal(SealedPersonalData representative, String actorId,
                                       List<FieldProblem> problems) {
        if (representative == null) {
            problems.add(new FieldProblem("representative", "is required"));
        } else if (!Objects.equals(representative.keyId(), actorId)) {
            // Sealed with another key, the representative's data could not be erased with this actor's.
            problems.add(new FieldProblem("representative", "must be sealed with the actor's own key"));
        }
    }

    /** One or more activities of the nomenclature, none twice (Law 50.17: "one or more craft activities"). */
    private static List<Nomenclature.Activity> activities(List<String> codes, Nomenclature nomenclature,
                                                          List<FieldProblem> problems) {
        List<Nomenclature.Activity> activities = new ArrayList<>();
        if (codes == null || codes.isEmpty()) {
            problems.add(new FieldProblem("activityCodes", "at least one activity is required"));
            return activities;
        }
        if (codes.size() > MAX_ACTIVITIES) {
            problems.add(new FieldProblem("activityCodes", "at most " + MAX_ACTIVITIES + " activities"));
            return activities;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            Nomenclature.Activity activity = nomenclature.activity(code).orElse(null);
            if (activity == null) {
                problems.add(new FieldProblem("activityCodes[" + i + "]", "'" + code
                        + "' is not an activity of nomenclature " + nomenclature.version()));
            } else if (!seen.add(activity.code())) {
                problems.add(new FieldProblem("activityCodes[" + i + "]", "'" + code + "' is listed twice"));
            } else {
                activities.add(activity);
            }
        }
        return activities;
    }
}
