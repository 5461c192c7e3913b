package ma.crafts.register.command.artisan;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import ma.crafts.register.command.ActorMetadata;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.body.BodyFacts;
import ma.crafts.register.command.body.ProfessionalBodies;
import ma.crafts.register.command.card.CardExpiryDue;
import ma.crafts.register.command.card.CardNumber;
import ma.crafts.register.command.card.IssueCard;
import ma.crafts.register.command.card.ReinstateCard;
import ma.crafts.register.command.card.RenewCard;
import ma.crafts.register.command.card.ReplaceCard;
import ma.crafts.register.command.card.ReportCardLost;
import ma.crafts.register.command.card.RevokeCard;
import ma.crafts.register.command.card.SuspendCard;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
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
import ma.crafts.register.events.artisan.DiplomaEvidenceChecked;
import ma.crafts.register.events.artisan.DiplomaEvidenceRecorded;
import ma.crafts.register.events.artisan.MasterArtisanStatusGranted;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded.Cause;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.CardStatus;
import ma.crafts.register.values.Qualification;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An artisan in the RNA (Law 50.17), with its professional card and its professional-body memberships.
 *
 * <p>Every command carries the acting clerk's region; the aggregate is where region scoping is decided, because only
 * it knows the artisan's <em>current</em> region (a relocation moves write access to the new region's chamber).
 * Personal data stays sealed: the aggregate keeps only the sealed form, to tell whether an amendment was made on the
 * latest data.
 *
 * <p>A card's expiry is recorded by the {@value CardExpiryDue#DEADLINE} deadline, scheduled whenever a card gets a
 * last valid day and cancelled when the card can no longer expire. {@code @Revision} changes with the state's shape so
 * that snapshots of an older shape are ignored and the state is rebuilt from the events.
 */
@Aggregate(snapshotTriggerDefinition = "artisanSnapshotTrigger")
@Revision("3")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Artisan {
    /** Law 50.17: at least 3 years of effective practice for the experience route (default of the policy). */
    public static final int EXPERIENCE_ROUTE_YEARS = RegisterPolicy.LAW_EXPERIENCE_ROUTE_YEARS;
    /** Law 50.17: at least 10 years of effective practice for a master artisan (default of the policy). */
    public static final int MASTER_ARTISAN_YEARS = RegisterPolicy.LAW_MASTER_ARTISAN_YEARS;
    static final int MAX_YEARS_OF_PRACTICE = 105;
    static final int MAX_REFERENCE_LENGTH = 100;
    static final int MAX_REASON_LENGTH = 500;

    /** A membership of a provincial professional body. */
    public record Membership(String bodyId, String branchCode, LocalDate since) {
    }

    @AggregateIdentifier
    private String artisanId;
    private String nia;
    private ArtisanStatus status;
    private ArtisanCategory category;
    private Qualification qualification;
    private String provinceCode;
    private String regionCode;
    private String activityCode;
    private String branchCode;
    /** The latest sealed personal data; compared, never opened. */
    private SealedPersonalData personalData;
    private Card card;
    /** branch code → membership: at most one professional body per branch. */
    private Map<String, Membership> memberships = new LinkedHashMap<>();

    /** For Axon's event sourcing and snapshot deserialisation. */
    protected Artisan() {
    }

    @CommandHandler
    public Artisan(RegisterArtisan command, Geography geography, Nomenclature nomenclature, RegisterPolicy policy) {
        List<FieldProblem> problems = new ArrayList<>();
        if (command.artisanId() == null || command.artisanId().isBlank()) {
            problems.add(new FieldProblem("artisanId", "is required"));
        }
        Geography.Province province = geography.province(command.provinceCode()).orElse(null);
        if (province == null) {
            problems.add(new FieldProblem("provinceCode", "'" + command.provinceCode()
                    + "' is not an ISO 3166-2:MA prefecture or province code"));
        }
        Nomenclature.Activity activity = activityOf(command.activityCode(), nomenclature, problems);
        if (command.gender() == null) {
            problems.add(new FieldProblem("gender", "must be F or M"));
        }
        ArtisanCategory category = categoryFor(command.qualification(), problems, policy.experienceRouteYears(),
                policy.masterArtisanYears());
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

    // ------------------------------------------------------------------------------------------------ details

    @CommandHandler
    public ArtisanDetailsAmended handle(AmendArtisanDetails command, Nomenclature nomenclature, RegisterPolicy policy) {
        requireWithinRegion(command.actingRegion(), regionCode);
        List<String> amended = new ArrayList<>(command.personalFields());
        if (!amended.isEmpty()) {
            requireOwnSeal(command.personalData());
        }
        Nomenclature.Activity activity = null;
        if (command.activityCode() != null) {
            List<FieldProblem> problems = new ArrayList<>();
            activity = activityOf(command.activityCode(), nomenclature, problems);
            if (activity == null) {
                throw new InvalidInputException(problems);
            }
            if (activity.code().equals(activityCode)) {
                activity = null;
            } else {
                amended.add("activityCode");
            }
        }
        requireNotStruckOff("amended");
        if (amended.isEmpty()) {
            throw new RuleViolationException("no-change", "The amendment changes nothing in artisan " + artisanId + "'s record");
        }
        if (!command.personalFields().isEmpty()) {
            requireBasedOnLatest(command.basedOn());
        }
        ArtisanDetailsAmended event = new ArtisanDetailsAmended(artisanId, amended,
                command.personalFields().isEmpty() ? null : command.personalData(),
                activity == null ? null : activity.code(), activity == null ? null : activity.branchCode(),
                activity == null ? null : nomenclature.version());
        apply(event);
        if (activity != null) {
            String newBranch = activity.branchCode();
            for (Membership m : List.copyOf(memberships.values())) {
                if (!m.branchCode().equals(newBranch)) {
                    endMembership(m, Cause.BRANCH_CHANGED, null, policy);
                }
            }
        }
        return event;
    }

    @CommandHandler
    public ArtisanRelocated handle(RelocateArtisan command, Geography geography, RegisterPolicy policy) {
        requireWithinRegion(command.actingRegion(), regionCode);
        Geography.Province province = geography.province(command.provinceCode()).orElseThrow(() ->
                new InvalidInputException("provinceCode", "'" + command.provinceCode()
                        + "' is not an ISO 3166-2:MA prefecture or province code"));
        requireOwnSeal(command.personalData());
        requireNotStruckOff("relocated");
        if (province.code().equals(provinceCode)) {
            throw new RuleViolationException("relocation-needs-another-province", "Artisan " + artisanId
                    + " is already in " + provinceCode + "; a new address in the same province is an amendment");
        }
        requireBasedOnLatest(command.basedOn());
        ArtisanRelocated event = new ArtisanRelocated(artisanId, provinceCode, regionCode, province.code(),
                province.regionCode(), command.personalData());
        apply(event);
        // Memberships are of provincial bodies of the artisan's province: none survives a move to another one.
        for (Membership m : List.copyOf(memberships.values())) {
            endMembership(m, Cause.RELOCATED, null, policy);
        }
        return event;
    }

    // ------------------------------------------------------------------------------------------------ status

    @CommandHandler
    public void handle(SuspendArtisan command) {
        requireWithinRegion(command.actingRegion(), regionCode);
        String reason = reason(command.reason());
        if (status != ArtisanStatus.ACTIVE) {
            throw new RuleViolationException("artisan-must-be-active", "Only an active artisan can be suspended; "
                    + artisanId + " is " + status);
        }
        apply(new ArtisanSuspended(artisanId, reason));
    }

    @CommandHandler
    public void handle(ReinstateArtisan command) {
        requireWithinRegion(command.actingRegion(), regionCode);
        String reason = reason(command.reason());
        if (status != ArtisanStatus.SUSPENDED) {
            throw new RuleViolationException("artisan-must-be-suspended", "Only a suspended artisan can be reinstated; "
                    + artisanId + " is " + status);
        }
        apply(new ArtisanReinstated(artisanId, reason));
    }

    @CommandHandler
    public void handle(StrikeOffArtisan command, RegisterPolicy policy) {
        requireWithinRegion(command.actingRegion(), regionCode);
        String reason = reason(command.reason());
        if (status == ArtisanStatus.STRUCK_OFF) {
            throw new RuleViolationException("artisan-struck-off", "Artisan " + artisanId + " is already struck off");
        }
        apply(new ArtisanStruckOff(artisanId, reason));
        for (Membership m : List.copyOf(memberships.values())) {
            endMembership(m, Cause.STRUCK_OFF, reason, policy);
        }
    }

    // ------------------------------------------------------------------------------------------------ qualification

    @CommandHandler
    public MasterArtisanStatusGranted handle(GrantMasterArtisanStatus command, RegisterPolicy policy) {
        requireWithinRegion(command.actingRegion(), regionCode);
        List<FieldProblem> problems = new ArrayList<>();
        Integer years = command.yearsOfPractice();
        if (years == null || years < 0 || years > MAX_YEARS_OF_PRACTICE) {
            problems.add(new FieldProblem("yearsOfPractice", "must be between 0 and " + MAX_YEARS_OF_PRACTICE));
        }
        String evidenceRef = reference("evidenceRef", command.evidenceRef(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        requireActive("master-artisan status");
        if (category == ArtisanCategory.MASTER_ARTISAN) {
            throw new RuleViolationException("already-master-artisan", "Artisan " + artisanId + " is already a master artisan");
        }
        if (years < policy.masterArtisanYears()) {
            throw new RuleViolationException("master-artisan-years", "Master-artisan status needs at least "
                    + policy.masterArtisanYears() + " years of effective practice; " + years + " attested");
        }
        MasterArtisanStatusGranted granted = new MasterArtisanStatusGranted(artisanId, years, evidenceRef);
        apply(granted);
        return granted;
    }

    @CommandHandler
    public DiplomaEvidenceChecked handle(RecordDiplomaEvidence command) {
        requireWithinRegion(command.actingRegion(), regionCode);
        List<FieldProblem> problems = new ArrayList<>();
        String diplomaRef = reference("diplomaRef", command.diplomaRef(), problems);
        String issuer = reference("issuer", command.issuer(), problems);
        String evidenceRef = reference("evidenceRef", command.evidenceRef(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        requireNotStruckOff("given diploma evidence");
        if (qualification == null || qualification.route() != QualificationRoute.DIPLOMA) {
            throw new RuleViolationException("diploma-route-only", "Artisan " + artisanId
                    + " was registered on the experience route; diploma evidence belongs to the diploma route");
        }
        apply(new DiplomaEvidenceRecorded(artisanId, diplomaRef, issuer, evidenceRef));
        boolean matches = comparable(diplomaRef).equals(comparable(qualification.diplomaRef()));
        DiplomaEvidenceChecked checked = new DiplomaEvidenceChecked(artisanId, diplomaRef,
                matches ? DiplomaEvidenceChecked.Outcome.CONFIRMED : DiplomaEvidenceChecked.Outcome.MISMATCH,
                // Both numbers are in the stream already; a diploma number names one person, so not again here.
                matches ? "The evidence names the diploma the artisan was registered with"
                        : "The evidence names another diploma than the one the artisan was registered with");
        apply(checked);
        return checked;
    }

    // ------------------------------------------------------------------------------------------------ cards

    @CommandHandler
    public CardIssued handle(IssueCard command, RegisterPolicy policy, DeadlineManager deadlines) {
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
        if (card != null) {
            requireNoSuspension(card, "a new card is issued");
        }
        CardIssued issued = new CardIssued(artisanId, number.value(), today, policy.cardValidUntil(today));
        deadlines.cancelAllWithinScope(CardExpiryDue.DEADLINE);
        apply(issued);
        scheduleExpiry(deadlines, policy, issued.cardNumber(), issued.validUntil());
        return issued;
    }

    @CommandHandler
    public CardRenewed handle(RenewCard command, RegisterPolicy policy, DeadlineManager deadlines) {
        requireWithinRegion(command.actingRegion(), regionCode);
        Card current = currentCard(command.cardNumber());
        requireActive("a card renewal");
        requireNoSuspension(current, "it is renewed");
        LocalDate today = policy.today();
        CardStatus effective = current.effectiveStatus(today);
        LocalDate newValidUntil;
        if (effective == CardStatus.VALID) {
            LocalDate opens = current.validUntil().minus(policy.cardRenewalWindow());
            if (today.isBefore(opens)) {
                throw new RuleViolationException("card-renewal-too-early", "Card " + current.cardNumber()
                        + " is valid until " + current.validUntil() + "; it can be renewed from " + opens);
            }
            // Renewing ahead of expiry continues the validity without a gap and without losing the days left.
            newValidUntil = policy.cardValidUntil(current.validUntil().plusDays(1));
        } else if (effective == CardStatus.EXPIRED) {
            LocalDate closed = current.validUntil().plus(policy.cardRenewalGrace());
            if (today.isAfter(closed)) {
                throw new RuleViolationException("card-renewal-grace-passed", "Card " + current.cardNumber()
                        + " expired on " + current.validUntil() + " and could be renewed until " + closed
                        + "; issue a new card instead");
            }
            newValidUntil = policy.cardValidUntil(today);
        } else {
            throw new RuleViolationException("card-not-renewable", "Card " + current.cardNumber() + " is " + effective
                    + "; only a VALID or EXPIRED card can be renewed");
        }
        CardRenewed renewed = new CardRenewed(artisanId, current.cardNumber(), current.validUntil(), newValidUntil);
        deadlines.cancelAllWithinScope(CardExpiryDue.DEADLINE);
        apply(renewed);
        scheduleExpiry(deadlines, policy, renewed.cardNumber(), newValidUntil);
        return renewed;
    }

    @CommandHandler
    public CardSuspended handle(SuspendCard command, RegisterPolicy policy) {
        requireWithinRegion(command.actingRegion(), regionCode);
        Card current = currentCard(command.cardNumber());
        String reason = reason(command.reason());
        requireCardStatus(current, policy, "suspended", CardStatus.VALID);
        CardSuspended suspended = new CardSuspended(artisanId, current.cardNumber(), reason);
        apply(suspended);
        return suspended;
    }

    @CommandHandler
    public CardReinstated handle(ReinstateCard command, RegisterPolicy policy) {
        requireWithinRegion(command.actingRegion(), regionCode);
        Card current = currentCard(command.cardNumber());
        String reason = reason(command.reason());
        requireCardStatus(current, policy, "reinstated", CardStatus.SUSPENDED);
        CardReinstated reinstated = new CardReinstated(artisanId, current.cardNumber(), reason);
        apply(reinstated);
        return reinstated;
    }

    @CommandHandler
    public CardRevoked handle(RevokeCard command, RegisterPolicy policy, DeadlineManager deadlines) {
        requireWithinRegion(command.actingRegion(), regionCode);
        Card current = currentCard(command.cardNumber());
        String reason = reason(command.reason());
        requireCardStatus(current, policy, "revoked", CardStatus.VALID, CardStatus.SUSPENDED, CardStatus.EXPIRED);
        CardRevoked revoked = new CardRevoked(artisanId, current.cardNumber(), reason);
        deadlines.cancelAllWithinScope(CardExpiryDue.DEADLINE);
        apply(revoked);
        return revoked;
    }

    @CommandHandler
    public CardReportedLost handle(ReportCardLost command, RegisterPolicy policy, DeadlineManager deadlines) {
        requireWithinRegion(command.actingRegion(), regionCode);
        Card current = currentCard(command.cardNumber());
        // A suspended card reported lost could otherwise be replaced by a valid one, which would lift the suspension.
        requireCardStatus(current, policy, "reported lost", CardStatus.VALID);
        CardReportedLost lost = new CardReportedLost(artisanId, current.cardNumber());
        deadlines.cancelAllWithinScope(CardExpiryDue.DEADLINE);
        apply(lost);
        return lost;
    }

    @CommandHandler
    public CardReplaced handle(ReplaceCard command, RegisterPolicy policy, DeadlineManager deadlines) {
        requireWithinRegion(command.actingRegion(), regionCode);
        Card current = currentCard(command.cardNumber());
        CardNumber number = CardNumber.parse(command.newCardNumber());
        if (number == null) {
            throw new InvalidInputException("newCardNumber", "'" + command.newCardNumber() + "' is not a valid card number");
        }
        if (!number.regionCode().equals(regionCode)) {
            throw new IllegalArgumentException("Card number " + command.newCardNumber() + " was not allocated for region " + regionCode);
        }
        if (current.status() != CardStatus.LOST) {
            throw new RuleViolationException("card-must-be-reported-lost", "Card " + current.cardNumber() + " is "
                    + current.status() + "; only a card reported lost is replaced");
        }
        requireActive("a replacement card");
        LocalDate today = policy.today();
        if (today.isAfter(current.validUntil())) {
            throw new RuleViolationException("card-expired", "Lost card " + current.cardNumber() + " was valid until "
                    + current.validUntil() + "; issue a new card instead");
        }
        CardReplaced replaced = new CardReplaced(artisanId, current.cardNumber(), number.value(), today,
                current.validUntil());
        apply(replaced);
        scheduleExpiry(deadlines, policy, replaced.cardNumber(), replaced.validUntil());
        return replaced;
    }

    /**
     * Records the expiry of the card the deadline was scheduled for. A deadline outlived by a renewal or replacement
     * names another card or day and is ignored; one that runs before the card's last valid day is over (clocks of
     * two nodes disagreeing) is put back to the right time rather than expiring the card early.
     */
    @DeadlineHandler(deadlineName = CardExpiryDue.DEADLINE)
    public void on(CardExpiryDue due, RegisterPolicy policy, DeadlineManager deadlines) {
        if (card == null || !card.cardNumber().equals(due.cardNumber()) || !card.validUntil().equals(due.validUntil())
                || !card.mayExpire()) {
            return;
        }
        if (!policy.today().isAfter(card.validUntil())) {
            scheduleExpiry(deadlines, policy, card.cardNumber(), card.validUntil());
            return;
        }
        // No clerk acted: the register did, and says so in the metadata the history shows.
        apply(new CardExpired(artisanId, card.cardNumber(), card.validUntil()),
                MetaData.with(ActorMetadata.RECORDED_BY, ActorMetadata.SYSTEM)
                        .and(ActorMetadata.CHAMBER, CurrentActor.NATIONAL));
    }

    // ------------------------------------------------------------------------------------------------ memberships

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
        Membership current = memberships.get(body.branchCode());
        if (current != null) {
            throw new RuleViolationException("one-body-per-branch", "Artisan " + artisanId
                    + " is already a member of body " + current.bodyId() + " for branch " + body.branchCode());
        }
        ArtisanJoinedProfessionalBody joined =
                new ArtisanJoinedProfessionalBody(artisanId, body.bodyId(), body.branchCode(), policy.today());
        apply(joined);
        return joined;
    }

    @CommandHandler
    public ProfessionalBodyMembershipEnded handle(LeaveProfessionalBody command, ProfessionalBodies bodies,
                                                  RegisterPolicy policy) {
        requireWithinRegion(command.actingRegion(), regionCode);
        return endMembership(membershipOf(command.bodyId(), bodies), Cause.LEFT, null, policy);
    }

    @CommandHandler
    public ProfessionalBodyMembershipEnded handle(ExcludeFromProfessionalBody command, ProfessionalBodies bodies,
                                                  RegisterPolicy policy) {
        requireWithinRegion(command.actingRegion(), regionCode);
        String reason = reason(command.reason());
        return endMembership(membershipOf(command.bodyId(), bodies), Cause.EXCLUDED, reason, policy);
    }

    // ------------------------------------------------------------------------------------------------ event sourcing

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
        qualification = new Qualification(qualification == null ? null : qualification.route(), event.yearsOfPractice(),
                qualification == null ? null : qualification.diplomaRef());
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
    void on(ArtisanJoinedProfessionalBody event) {
        memberships.put(event.branchCode(), new Membership(event.bodyId(), event.branchCode(), event.since()));
    }

    @EventSourcingHandler
    void on(ProfessionalBodyMembershipEnded event) {
        memberships.remove(event.branchCode());
    }

    // ------------------------------------------------------------------------------------------------ rules

    /** A suspension outlives the card's expiry ({@link Card#underSuspension()}): reinstatement or revocation ends it. */
    private static void requireNoSuspension(Card card, String before) {
        if (card.underSuspension()) {
            throw new RuleViolationException("card-suspended", "Card " + card.cardNumber()
                    + " is suspended: reinstate or revoke it before " + before);
        }
    }

    /** The activity of the current nomenclature, or null with a problem recorded. */
    static Nomenclature.Activity activityOf(String activityCode, Nomenclature nomenclature, List<FieldProblem> problems) {
        Nomenclature.Activity activity = nomenclature.activity(activityCode).orElse(null);
        if (activity == null) {
            problems.add(new FieldProblem("activityCode", "'" + activityCode + "' is not an activity of nomenclature "
                    + nomenclature.version()));
        }
        return activity;
    }

    /**
     * Law 50.17 routes: a diploma needs its reference; experience needs 3 years. 10 years of practice, whatever the
     * route, make a master artisan.
     */
    static ArtisanCategory categoryFor(Qualification qualification, List<FieldProblem> problems) {
        return categoryFor(qualification, problems, EXPERIENCE_ROUTE_YEARS, MASTER_ARTISAN_YEARS);
    }

    static ArtisanCategory categoryFor(Qualification qualification, List<FieldProblem> problems,
                                       int experienceRouteYears, int masterArtisanYears) {
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
        if (qualification.route() == QualificationRoute.EXPERIENCE && (years == null || years < experienceRouteYears)) {
            problems.add(new FieldProblem("qualification.yearsOfPractice",
                    "the EXPERIENCE route needs at least " + experienceRouteYears + " years of effective practice"));
            return null;
        }
        return years != null && years >= masterArtisanYears ? ArtisanCategory.MASTER_ARTISAN : ArtisanCategory.ARTISAN;
    }

    private ProfessionalBodyMembershipEnded endMembership(Membership membership, Cause cause, String reason,
                                                          RegisterPolicy policy) {
        ProfessionalBodyMembershipEnded ended = new ProfessionalBodyMembershipEnded(artisanId, membership.bodyId(),
                membership.branchCode(), membership.since(), policy.today(), cause, reason);
        apply(ended);
        return ended;
    }

    /** The membership of {@code bodyId}; 404 for a body that does not exist, 409 for one the artisan is not in. */
    private Membership membershipOf(String bodyId, ProfessionalBodies bodies) {
        for (Membership m : memberships.values()) {
            if (m.bodyId().equals(bodyId)) {
                return m;
            }
        }
        if (bodies.find(bodyId).isEmpty()) {
            throw new NotFoundException("No professional body " + bodyId);
        }
        throw new RuleViolationException("not-a-member", "Artisan " + artisanId + " is not a member of professional body "
                + bodyId);
    }

    /** The card a card command names must be the artisan's current one: older cards are settled. */
    private Card currentCard(String cardNumber) {
        if (card == null) {
            throw new NotFoundException("Artisan " + artisanId + " holds no card " + cardNumber);
        }
        if (!card.cardNumber().equals(cardNumber)) {
            throw new RuleViolationException("card-superseded", "Card " + cardNumber + " is no longer artisan "
                    + artisanId + "'s current card (" + card.cardNumber() + ")");
        }
        return card;
    }

    private static void requireCardStatus(Card card, RegisterPolicy policy, String what, CardStatus... allowed) {
        CardStatus effective = card.effectiveStatus(policy.today());
        for (CardStatus status : allowed) {
            if (status == effective) {
                return;
            }
        }
        // Named after what is in the way: card-suspended, card-expired, card-revoked, card-lost; a valid card is only
        // in the way of a reinstatement.
        String rule = effective == CardStatus.VALID ? "card-not-suspended"
                : "card-" + effective.name().toLowerCase(Locale.ROOT);
        throw new RuleViolationException(rule, "Card " + card.cardNumber() + " is " + effective + " and cannot be " + what);
    }

    private void scheduleExpiry(DeadlineManager deadlines, RegisterPolicy policy, String cardNumber, LocalDate validUntil) {
        deadlines.schedule(policy.untilEndOfValidity(validUntil), CardExpiryDue.DEADLINE,
                new CardExpiryDue(cardNumber, validUntil));
    }

    private void requireOwnSeal(SealedPersonalData sealed) {
        if (sealed == null || !Objects.equals(sealed.keyId(), artisanId)) {
            // Sealing with another actor's key would make crypto-shredding this artisan's data impossible.
            throw new InvalidInputException("personalData", "must be sealed with the artisan's own key");
        }
    }

    /** The change was merged into the latest personal data, or it would silently undo a change recorded meanwhile. */
    private void requireBasedOnLatest(SealedPersonalData basedOn) {
        if (!Objects.equals(basedOn, personalData)) {
            throw new ConcurrencyException("Artisan " + artisanId + "'s personal data changed while this change was "
                    + "being prepared; read it again and retry");
        }
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

    private void requireNotStruckOff(String what) {
        if (status == ArtisanStatus.STRUCK_OFF) {
            throw new RuleViolationException("artisan-struck-off", "Artisan " + artisanId
                    + " is struck off; the record is final and cannot be " + what);
        }
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required");
        }
        if (reason.strip().length() > MAX_REASON_LENGTH) {
            throw new InvalidInputException("reason", "at most " + MAX_REASON_LENGTH + " characters");
        }
        return reason.strip();
    }

    private static String reference(String field, String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
            return null;
        }
        if (value.strip().length() > MAX_REFERENCE_LENGTH) {
            problems.add(new FieldProblem(field, "at most " + MAX_REFERENCE_LENGTH + " characters"));
            return null;
        }
        return value.strip();
    }

    /** Diploma references as people write them: case, blanks and separators do not make another diploma. */
    static String comparable(String reference) {
        return reference == null ? "" : reference.replaceAll("[\\s./_-]+", "").toUpperCase(Locale.ROOT);
    }
}
