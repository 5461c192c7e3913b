package ma.crafts.register.command.artisan;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.body.BodyFacts;
import ma.crafts.register.command.body.ProfessionalBodies;
import ma.crafts.register.command.card.CardNumber;
import ma.crafts.register.command.card.IssueCard;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanReinstated;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.Qualification;
import ma.crafts.register.values.QualificationRoute;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An artisan in the RNA (Law 50.17), with its professional card and its professional-body memberships.
 *
 * <p>Every command carries the acting clerk's region; the aggregate is where region scoping is decided, because only
 * it knows the artisan's <em>current</em> region. Personal data stays sealed: the aggregate keeps none of it.
 */
@Aggregate(snapshotTriggerDefinition = "artisanSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Artisan {
    /** Law 50.17: at least 3 years of effective practice for the experience route. */
    public static final int EXPERIENCE_ROUTE_YEARS = 3;
    /** Law 50.17: at least 10 years of effective practice for a master artisan (maâlem). */
    public static final int MASTER_ARTISAN_YEARS = 10;
    static final int MAX_YEARS_OF_PRACTICE = 105;

    @AggregateIdentifier
    private String artisanId;
    private String nia;
    private ArtisanStatus status;
    private ArtisanCategory category;
    private String provinceCode;
    private String regionCode;
    private String activityCode;
    private String branchCode;
    private Card card;
    /** branch code → body id: at most one professional body per branch. */
    private Map<String, String> bodiesByBranch = new HashMap<>();

    /** For Axon's event sourcing and snapshot deserialisation. */
    protected Artisan() {
    }

    @CommandHandler
    public Artisan(RegisterArtisan command, Geography geography, Nomenclature nomenclature) {
        List<FieldProblem> problems = new ArrayList<>();
        if (command.artisanId() == null || command.artisanId().isBlank()) {
            problems.add(new FieldProblem("artisanId", "is required"));
        }
        Geography.Province province = geography.province(command.provinceCode()).orElse(null);
        if (province == null) {
            problems.add(new FieldProblem("provinceCode", "'" + command.provinceCode()
                    + "' is not an ISO 3166-2:MA prefecture or province code"));
        }
        Nomenclature.Activity activity = nomenclature.activity(command.activityCode()).orElse(null);
        if (activity == null) {
            problems.add(new FieldProblem("activityCode", "'" + command.activityCode()
                    + "' is not an activity of nomenclature " + nomenclature.version()));
        }
        if (command.gender() == null) {
            problems.add(new FieldProblem("gender", "must be F or M"));
        }
        ArtisanCategory category = categoryFor(command.qualification(), problems);
        if (command.personalData() == null) {
            problems.add(new FieldProblem("personalData", "is required"));
        } else if (!Objects.equals(command.personalData().keyId(), command.artisanId())) {
            // Sealing with another actor's key would make crypto-shredding this artisan's data impossible.
            problems.add(new FieldProblem("personalData", "must be sealed with the artisan's own key"));
        }
        Nia parsedNia = Nia.parse(command.nia());
        if (parsedNia == null) {
            problems.add(new FieldProblem("nia", "'" + command.nia() + "' is not a valid NIA"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        requireWithinRegion(command.actingRegion(), province.regionCode());
        if (!parsedNia.regionCode().equals(province.regionCode())) {
            throw new IllegalArgumentException("NIA " + command.nia() + " was not allocated for region " + province.regionCode());
        }
        apply(new ArtisanRegistered(command.artisanId(), command.nia(), province.code(), province.regionCode(),
                activity.code(), activity.branchCode(), nomenclature.version(), command.gender(),
                command.qualification(), category, command.personalData()));
    }

    @CommandHandler
    public CardIssued handle(IssueCard command, RegisterPolicy policy) {
        requireWithinRegion(command.actingRegion(), regionCode);
        CardNumber number = CardNumber.parse(command.cardNumber());
        if (number == null) {
            throw new InvalidInputException("cardNumber", "'" + command.cardNumber() + "' is not a valid card number");
        }
        if (!number.regionCode().equals(regionCode)) {
            throw new IllegalArgumentException("Card number " + command.cardNumber() + " was not allocated for region " + regionCode);
        }
        requireActive("a card");
        LocalDate today = policy.today();
        if (card != null && card.isValidOn(today)) {
            throw new RuleViolationException("one-valid-card",
                    "Artisan " + artisanId + " already holds card " + card.cardNumber() + ", valid until " + card.validUntil());
        }
        CardIssued issued = new CardIssued(artisanId, number.value(), today, policy.cardValidUntil(today));
        apply(issued);
        return issued;
    }

    @CommandHandler
    public ArtisanJoinedProfessionalBody handle(JoinProfessionalBody command, ProfessionalBodies bodies,
                                                RegisterPolicy policy) {
        requireWithinRegion(command.actingRegion(), regionCode);
        BodyFacts body = bodies.find(command.bodyId())
                .orElseThrow(() -> new NotFoundException("No professional body " + command.bodyId()));
        requireActive("a professional body membership");
        if (body.level() != BodyLevel.PROVINCIAL) {
            throw new RuleViolationException("body-must-be-provincial",
                    "An artisan joins a provincial body; body " + body.bodyId() + " is " + body.level());
        }
        if (!body.branchCode().equals(branchCode)) {
            throw new RuleViolationException("body-branch-must-match",
                    "Body " + body.bodyId() + " is for branch " + body.branchCode() + ", the artisan's branch is " + branchCode);
        }
        if (!body.territoryCode().equals(provinceCode)) {
            throw new RuleViolationException("body-province-must-match",
                    "Body " + body.bodyId() + " is for province " + body.territoryCode()
                            + ", the artisan is in " + provinceCode);
        }
        String current = bodiesByBranch.get(body.branchCode());
        if (current != null) {
            throw new RuleViolationException("one-body-per-branch",
                    "Artisan " + artisanId + " is already a member of body " + current + " for branch " + body.branchCode());
        }
        ArtisanJoinedProfessionalBody joined =
                new ArtisanJoinedProfessionalBody(artisanId, body.bodyId(), body.branchCode(), policy.today());
        apply(joined);
        return joined;
    }

    @CommandHandler
    public void handle(SuspendArtisan command) {
        requireWithinRegion(command.actingRegion(), regionCode);
        requireReason(command.reason());
        if (status != ArtisanStatus.ACTIVE) {
            throw new RuleViolationException("artisan-must-be-active", "Only an active artisan can be suspended; "
                    + artisanId + " is " + status);
        }
        apply(new ArtisanSuspended(artisanId, command.reason().strip()));
    }

    @CommandHandler
    public void handle(ReinstateArtisan command) {
        requireWithinRegion(command.actingRegion(), regionCode);
        requireReason(command.reason());
        if (status != ArtisanStatus.SUSPENDED) {
            throw new RuleViolationException("artisan-must-be-suspended", "Only a suspended artisan can be reinstated; "
                    + artisanId + " is " + status);
        }
        apply(new ArtisanReinstated(artisanId, command.reason().strip()));
    }

    @CommandHandler
    public void handle(StrikeOffArtisan command) {
        requireWithinRegion(command.actingRegion(), regionCode);
        requireReason(command.reason());
        if (status == ArtisanStatus.STRUCK_OFF) {
            throw new RuleViolationException("artisan-struck-off", "Artisan " + artisanId + " is already struck off");
        }
        apply(new ArtisanStruckOff(artisanId, command.reason().strip()));
    }

    @EventSourcingHandler
    void on(ArtisanRegistered event) {
        artisanId = event.artisanId();
        nia = event.nia();
        status = ArtisanStatus.ACTIVE;
        category = event.category();
        provinceCode = event.provinceCode();
        regionCode = event.regionCode();
        activityCode = event.activityCode();
        branchCode = event.branchCode();
    }

    @EventSourcingHandler
    void on(CardIssued event) {
        card = new Card(event.cardNumber(), event.validFrom(), event.validUntil());
    }

    @EventSourcingHandler
    void on(ArtisanJoinedProfessionalBody event) {
        bodiesByBranch.put(event.branchCode(), event.bodyId());
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

    /**
     * Law 50.17 routes: a diploma needs its reference; experience needs 3 years. 10 years of practice, whatever the
     * route, make a master artisan.
     */
    static ArtisanCategory categoryFor(Qualification qualification, List<FieldProblem> problems) {
        if (qualification == null || qualification.route() == null) {
            problems.add(new FieldProblem("qualification.route", "must be DIPLOMA or EXPERIENCE"));
            return null;
        }
        Integer years = qualification.yearsOfPractice();
        if (years != null && (years < 0 || years > MAX_YEARS_OF_PRACTICE)) {
            problems.add(new FieldProblem("qualification.yearsOfPractice", "must be between 0 and " + MAX_YEARS_OF_PRACTICE));
            return null;
        }
        if (qualification.route() == QualificationRoute.DIPLOMA
                && (qualification.diplomaRef() == null || qualification.diplomaRef().isBlank())) {
            problems.add(new FieldProblem("qualification.diplomaRef", "is required for the DIPLOMA route"));
            return null;
        }
        if (qualification.route() == QualificationRoute.EXPERIENCE && (years == null || years < EXPERIENCE_ROUTE_YEARS)) {
            problems.add(new FieldProblem("qualification.yearsOfPractice",
                    "the EXPERIENCE route needs at least " + EXPERIENCE_ROUTE_YEARS + " years of effective practice"));
            return null;
        }
        return years != null && years >= MASTER_ARTISAN_YEARS ? ArtisanCategory.MASTER_ARTISAN : ArtisanCategory.ARTISAN;
    }

    private static void requireWithinRegion(String actingRegion, String artisanRegion) {
        if (actingRegion != null && !actingRegion.equals(artisanRegion)) {
            throw new ForbiddenException("A clerk of region " + actingRegion + " may only act on artisans of that region");
        }
    }

    private void requireActive(String what) {
        if (status != ArtisanStatus.ACTIVE) {
            throw new RuleViolationException("artisan-must-be-active",
                    "Only an active artisan can obtain " + what + "; artisan " + artisanId + " is " + status);
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required");
        }
    }
}
