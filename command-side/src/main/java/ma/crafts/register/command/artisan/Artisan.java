package ma.crafts.register.command.artisan;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ma.crafts.register.command.ActorMetadata;
import ma.crafts.register.command.ErasureRules;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.TextOpener;
import ma.crafts.register.command.TextSealer;
import ma.crafts.register.command.body.BodyFacts;
import ma.crafts.register.command.body.ProfessionalBodies;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.artisan.ArtisanDetailsAmended;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanReinstated;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.events.artisan.ArtisanStruckOff;
import ma.crafts.register.events.artisan.ArtisanSuspended;
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
import ma.crafts.register.events.privacy.PersonalDataErased;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Qualification;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.SealedText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An artisan in the RNA (Law 50.17), with its professional card and its professional-body memberships. Each command
 * handler checks, then applies: the rules that need only their input are in {@link ArtisanRules}, the card's in
 * {@link Card}, the memberships' in {@link Memberships}, and the state with the checks that read only it in
 * {@link RecordedArtisan}, whose event-sourcing handlers are the only place that state changes.
 *
 * <p>Every command carries the acting clerk's region; the aggregate is where region scoping is decided, because only
 * it knows the artisan's <em>current</em> region (a relocation moves write access to the new region's chamber).
 * Personal data stays sealed: the aggregate keeps only the sealed form, to tell whether an amendment was made on the
 * latest data.
 *
 * <p>A card's expiry is recorded by the {@value CardExpiryDue#DEADLINE} deadline, scheduled whenever a card gets a
 * last valid day and cancelled when the card can no longer expire. {@code @Revision} changes with the shape of the
 * state in {@link RecordedArtisan} so that snapshots of an older shape are ignored and the state is rebuilt from the
 * events.
 */
@Aggregate(snapshotTriggerDefinition = "artisanSnapshotTrigger")
@Revision("5")
public class Artisan extends RecordedArtisan {

    /** For Axon's event sourcing and snapshot deserialisation. */
    protected Artisan() {
    }

    @CommandHandler
    public Artisan(RegisterArtisan command, Geography geography, Nomenclature nomenclature, RegisterPolicy policy,
                   TextSealer sealer) {
        apply(ArtisanRules.registration(command, geography, nomenclature, policy, sealer));
    }

    /** Law 50.17 routes and thresholds, without a configured policy. */
    static ArtisanCategory categoryFor(Qualification qualification, List<FieldProblem> problems) {
        return ArtisanRules.categoryFor(qualification, problems, RegisterPolicy.LAW_EXPERIENCE_ROUTE_YEARS,
                RegisterPolicy.LAW_MASTER_ARTISAN_YEARS);
    }

    /** Runs before the handler of every command on this artisan: the one region check they share. */
    @CommandHandlerInterceptor
    void requireWithinRegion(AddressedToArtisan command) {
        ArtisanRules.requireWithinRegion(command.actingRegion(), regionCode);
    }

    // ------------------------------------------------------------------------------------------------ details

    @CommandHandler
    public ArtisanDetailsAmended handle(AmendArtisanDetails command, Nomenclature nomenclature, RegisterPolicy policy) {
        List<String> amended = new ArrayList<>(command.personalFields());
        if (!amended.isEmpty()) {
            ArtisanRules.requireOwnSeal(command.personalData(), artisanId);
        }
        Nomenclature.Activity activity = ArtisanRules.changedActivity(command.activityCode(), activityCode, nomenclature);
        if (activity != null) {
            amended.add("activityCode");
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
            memberships.endings(artisanId, m -> !m.branchCode().equals(activity.branchCode()), Cause.BRANCH_CHANGED,
                    null, policy.today()).forEach(AggregateLifecycle::apply);
        }
        return event;
    }

    @CommandHandler
    public ArtisanRelocated handle(RelocateArtisan command, Geography geography, RegisterPolicy policy) {
        Geography.Province province = ArtisanRules.province(command.provinceCode(), geography);
        ArtisanRules.requireOwnSeal(command.personalData(), artisanId);
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
        memberships.endings(artisanId, m -> true, Cause.RELOCATED, null, policy.today())
                .forEach(AggregateLifecycle::apply);
        return event;
    }

    // ------------------------------------------------------------------------------------------------ status

    @CommandHandler
    public void handle(SuspendArtisan command, TextSealer sealer) {
        String reason = ArtisanRules.reason(command.reason());
        if (status != ArtisanStatus.ACTIVE) {
            throw new RuleViolationException("artisan-must-be-active", "Only an active artisan can be suspended; "
                    + artisanId + " is " + status);
        }
        apply(new ArtisanSuspended(artisanId, sealer.seal(artisanId, reason)));
    }

    @CommandHandler
    public void handle(ReinstateArtisan command, TextSealer sealer) {
        String reason = ArtisanRules.reason(command.reason());
        if (status != ArtisanStatus.SUSPENDED) {
            throw new RuleViolationException("artisan-must-be-suspended", "Only a suspended artisan can be reinstated; "
                    + artisanId + " is " + status);
        }
        apply(new ArtisanReinstated(artisanId, sealer.seal(artisanId, reason)));
    }

    @CommandHandler
    public void handle(StrikeOffArtisan command, RegisterPolicy policy, TextSealer sealer) {
        String stated = ArtisanRules.reason(command.reason());
        if (status == ArtisanStatus.STRUCK_OFF) {
            throw new RuleViolationException("artisan-struck-off", "Artisan " + artisanId + " is already struck off");
        }
        SealedText reason = sealer.seal(artisanId, stated);
        apply(new ArtisanStruckOff(artisanId, reason));
        memberships.endings(artisanId, m -> true, Cause.STRUCK_OFF, reason, policy.today())
                .forEach(AggregateLifecycle::apply);
    }

    // ------------------------------------------------------------------------------------------------ qualification

    @CommandHandler
    public MasterArtisanStatusGranted handle(GrantMasterArtisanStatus command, RegisterPolicy policy,
                                             TextSealer sealer) {
        String evidenceRef = ArtisanRules.masterArtisanEvidence(command.yearsOfPractice(), command.evidenceRef());
        requireActive("master-artisan status");
        if (category == ArtisanCategory.MASTER_ARTISAN) {
            throw new RuleViolationException("already-master-artisan", "Artisan " + artisanId + " is already a master artisan");
        }
        ArtisanRules.requireMasterArtisanYears(command.yearsOfPractice(), policy);
        MasterArtisanStatusGranted granted =
                new MasterArtisanStatusGranted(artisanId, command.yearsOfPractice(), sealer.seal(artisanId, evidenceRef));
        apply(granted);
        return granted;
    }

    @CommandHandler
    public DiplomaEvidenceChecked handle(RecordDiplomaEvidence command, TextSealer sealer, TextOpener opener) {
        RecordDiplomaEvidence evidence = ArtisanRules.diplomaEvidence(command);
        requireNotStruckOff("given diploma evidence");
        if (qualification == null || qualification.route() != QualificationRoute.DIPLOMA) {
            throw new RuleViolationException("diploma-route-only", "Artisan " + artisanId
                    + " was registered on the experience route; diploma evidence belongs to the diploma route");
        }
        // The registered reference is opened for this comparison only, before anything is applied, so that an erased
        // artisan's evidence is refused whole.
        DiplomaEvidenceChecked.Outcome outcome = ArtisanRules.diplomaCheck(evidence.diplomaRef(),
                qualification.diplomaRef() == null ? null : opener.open(qualification.diplomaRef()));
        SealedText diplomaRef = sealer.seal(artisanId, evidence.diplomaRef());
        apply(new DiplomaEvidenceRecorded(artisanId, diplomaRef, evidence.issuer(),
                sealer.seal(artisanId, evidence.evidenceRef())));
        DiplomaEvidenceChecked checked = new DiplomaEvidenceChecked(artisanId, diplomaRef, outcome,
                ArtisanRules.diplomaCheckDetail(outcome));
        apply(checked);
        return checked;
    }

    // ------------------------------------------------------------------------------------------------ cards

    @CommandHandler
    public CardIssued handle(IssueCard command, RegisterPolicy policy, DeadlineManager deadlines) {
        CardNumber number = Card.newNumber("cardNumber", command.cardNumber(), regionCode);
        requireActive("a card");
        LocalDate today = policy.today();
        if (card != null) {
            card.requireMayBeFollowedOn(today, artisanId);
        }
        deadlines.cancelAllWithinScope(CardExpiryDue.DEADLINE);
        CardIssued issued = applied(new CardIssued(artisanId, number.value(), today, policy.cardValidUntil(today),
                Card.checkCode(command.checkCode())));
        scheduleExpiry(deadlines, policy);
        return issued;
    }

    @CommandHandler
    public CardRenewed handle(RenewCard command, RegisterPolicy policy, DeadlineManager deadlines) {
        Card current = currentCard(command.cardNumber());
        requireActive("a card renewal");
        CardRenewed renewed = current.renewal(artisanId, policy, Card.checkCode(command.checkCode()));
        deadlines.cancelAllWithinScope(CardExpiryDue.DEADLINE);
        apply(renewed);
        scheduleExpiry(deadlines, policy);
        return renewed;
    }

    @CommandHandler
    public CardSuspended handle(SuspendCard command, RegisterPolicy policy, TextSealer sealer) {
        String reason = ArtisanRules.reason(command.reason());
        return applied(currentCard(command.cardNumber())
                .suspension(artisanId, sealer.seal(artisanId, reason), policy.today()));
    }

    @CommandHandler
    public CardReinstated handle(ReinstateCard command, RegisterPolicy policy, TextSealer sealer) {
        String reason = ArtisanRules.reason(command.reason());
        return applied(currentCard(command.cardNumber())
                .reinstatement(artisanId, sealer.seal(artisanId, reason), policy.today()));
    }

    @CommandHandler
    public CardRevoked handle(RevokeCard command, RegisterPolicy policy, DeadlineManager deadlines,
                              TextSealer sealer) {
        String reason = ArtisanRules.reason(command.reason());
        CardRevoked revoked = currentCard(command.cardNumber())
                .revocation(artisanId, sealer.seal(artisanId, reason), policy.today());
        deadlines.cancelAllWithinScope(CardExpiryDue.DEADLINE);
        return applied(revoked);
    }

    @CommandHandler
    public CardReportedLost handle(ReportCardLost command, RegisterPolicy policy, DeadlineManager deadlines) {
        CardReportedLost lost = currentCard(command.cardNumber()).lossReport(artisanId, policy.today());
        deadlines.cancelAllWithinScope(CardExpiryDue.DEADLINE);
        return applied(lost);
    }

    @CommandHandler
    public CardReplaced handle(ReplaceCard command, RegisterPolicy policy, DeadlineManager deadlines) {
        Card current = currentCard(command.cardNumber());
        CardNumber number = Card.newNumber("newCardNumber", command.newCardNumber(), regionCode);
        current.requireReportedLost();
        requireActive("a replacement card");
        CardReplaced replaced = applied(current.replacement(artisanId, number, policy.today(),
                Card.checkCode(command.checkCode())));
        scheduleExpiry(deadlines, policy);
        return replaced;
    }

    /**
     * Records the expiry of the card the deadline was scheduled for, unless the card no longer awaits it. One that
     * runs before the card's last valid day is over (clocks of two nodes disagreeing) is put back to the right time
     * rather than expiring the card early.
     */
    @DeadlineHandler(deadlineName = CardExpiryDue.DEADLINE)
    public void on(CardExpiryDue due, RegisterPolicy policy, DeadlineManager deadlines) {
        if (card == null || !card.awaits(due)) {
            return;
        }
        if (!card.isPastLastValidDayOn(policy.today())) {
            scheduleExpiry(deadlines, policy);
            return;
        }
        // No clerk acted: the register did, and says so in the metadata the history shows.
        apply(card.expiry(artisanId), ActorMetadata.recordedByTheRegister());
    }

    // ------------------------------------------------------------------------------------------------ memberships

    @CommandHandler
    public ArtisanJoinedProfessionalBody handle(JoinProfessionalBody command, ProfessionalBodies bodies,
                                                RegisterPolicy policy) {
        BodyFacts body = namedBy(command.actingRegion(), bodies).find(command.bodyId())
                .orElseThrow(() -> new NotFoundException("No professional body " + command.bodyId()));
        requireActive("a professional body membership");
        ArtisanRules.requireJoinable(body, branchCode, provinceCode);
        return applied(memberships.joining(artisanId, body, policy.today()));
    }

    @CommandHandler
    public ProfessionalBodyMembershipEnded handle(LeaveProfessionalBody command, ProfessionalBodies bodies,
                                                  RegisterPolicy policy) {
        return applied(memberships.ending(artisanId, command.bodyId(), namedBy(command.actingRegion(), bodies),
                Cause.LEFT, null, policy.today()));
    }

    @CommandHandler
    public ProfessionalBodyMembershipEnded handle(ExcludeFromProfessionalBody command, ProfessionalBodies bodies,
                                                  RegisterPolicy policy, TextSealer sealer) {
        String reason = ArtisanRules.reason(command.reason());
        return applied(memberships.ending(artisanId, command.bodyId(), namedBy(command.actingRegion(), bodies),
                Cause.EXCLUDED, sealer.seal(artisanId, reason), policy.today()));
    }

    /**
     * The bodies a membership command of {@code actingRegion} may name. A clerk is limited to its own region's bodies
     * (403 otherwise) and is refused an unknown body in the same words, as it cannot show that body is its region's:
     * body ids follow from branch and territory, so differing answers would tell which bodies other regions have
     * constituted. A national body is no region's secret; the membership rules answer it. An actor with national
     * scope names any body, and an unknown one is 404 to it.
     */
    private ProfessionalBodies namedBy(String actingRegion, ProfessionalBodies bodies) {
        if (actingRegion == null) {
            return bodies;
        }
        return bodyId -> {
            Optional<BodyFacts> body = bodies.find(bodyId);
            if (body.map(found -> found.regionCode() == null || actingRegion.equals(found.regionCode())).orElse(false)) {
                return body;
            }
            throw new ForbiddenException("A clerk of region " + actingRegion
                    + " may only name the professional bodies of that region");
        };
    }

    @CommandHandler
    public PersonalDataErased handle(EraseArtisanPersonalData command) {
        PersonalDataErased erased = ErasureRules.erasure(artisanId, personalDataErased, command.reason(),
                command.legalBasis());
        apply(erased);
        return erased;
    }

    private <E> E applied(E event) {
        apply(event);
        return event;
    }

    /** Schedules the recording of the current card's expiry, at the end of its last valid day. */
    private void scheduleExpiry(DeadlineManager deadlines, RegisterPolicy policy) {
        deadlines.schedule(policy.untilEndOfValidity(card.validUntil()), CardExpiryDue.DEADLINE,
                new CardExpiryDue(card.cardNumber(), card.validUntil()));
    }
}
