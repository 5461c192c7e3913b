package ma.crafts.register.command.artisan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.Compensation;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.command.numbering.SequenceAllocator;
import ma.crafts.register.command.numbering.SequenceKey;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.Qualification;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.SealedPersonalData;

/**
 * Registers an artisan: the side effects around {@link RegisterArtisan} that an aggregate cannot own. In order:
 * clear-data rules, CIN reservation, NIA allocation, sealing, dispatch. If the command fails, every step is undone
 * (CIN released, NIA back to the pool, personal-data key discarded), so a rejected request leaves nothing behind and
 * the NIA sequence stays gap-free.
 */
public class ArtisanRegistration {
    public static final String NIA_SERIES = "NIA";

    public record Registered(String artisanId, String nia, Appended<?> appended) {
    }

    private final CommandGatewayReceipts commands;
    private final AccessPolicy access;
    private final CurrentActor actor;
    private final PersonalDataVault vault;
    private final CinReservations cinReservations;
    private final SequenceAllocator sequences;
    private final IssuedNumbers issuedNumbers;
    private final Geography geography;
    private final Nomenclature nomenclature;
    private final RegisterPolicy policy;
    private final Predicate<String> hasEventStream;

    public ArtisanRegistration(CommandGatewayReceipts commands, AccessPolicy access, CurrentActor actor,
                               PersonalDataVault vault, CinReservations cinReservations, SequenceAllocator sequences,
                               IssuedNumbers issuedNumbers, Geography geography, Nomenclature nomenclature,
                               RegisterPolicy policy, Predicate<String> hasEventStream) {
        this.commands = commands;
        this.access = access;
        this.actor = actor;
        this.vault = vault;
        this.cinReservations = cinReservations;
        this.sequences = sequences;
        this.issuedNumbers = issuedNumbers;
        this.geography = geography;
        this.nomenclature = nomenclature;
        this.policy = policy;
        this.hasEventStream = hasEventStream;
    }

    /** Call after the caller's role was checked and the request passed bean validation. */
    public Registered register(RegisterArtisanRequest request) {
        Checked checked = check(request);
        String artisanId = UUID.randomUUID().toString();
        cinReservations.reserve(checked.cinFingerprint(), artisanId);
        return registerReserved(request, checked, artisanId);
    }

    /**
     * What a registration checks before it reserves anything: province, the caller's region, the applicant's clear
     * data, activity and qualification. Throws as {@link #register} would; a bulk import's dry run stops here.
     */
    public Checked check(RegisterArtisanRequest request) {
        Geography.Province province = geography.province(request.provinceCode())
                .orElseThrow(() -> new InvalidInputException("provinceCode", "'" + request.provinceCode()
                        + "' is not an ISO 3166-2:MA prefecture or province code"));
        // Checked here as well as in the aggregate, so that a clerk of another region consumes no NIA and no CIN.
        access.requireWriteAccessToRegion(province.regionCode());
        RegisterArtisanRequest.QualificationRequest q = request.qualification();
        PersonalData personalData = ApplicantRules.validate(new PersonalData(request.cin(),
                new LocalizedText(request.firstName().ar(), request.firstName().fr()),
                new LocalizedText(request.lastName().ar(), request.lastName().fr()),
                request.birthDate(), request.phone(), request.address()), q.yearsOfPractice(), policy);
        Qualification qualification = new Qualification(QualificationRoute.valueOf(q.route()), q.yearsOfPractice(),
                q.diplomaRef() == null || q.diplomaRef().isBlank() ? null : q.diplomaRef().strip());
        // The aggregate checks these again; checked before the CIN is reserved, an invalid request answers 400 even
        // when its CIN is taken, instead of 409.
        List<FieldProblem> problems = new ArrayList<>();
        ArtisanRules.activityOf(request.activityCode(), nomenclature, problems);
        ArtisanRules.categoryFor(qualification, problems, policy.experienceRouteYears(), policy.masterArtisanYears());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(province, personalData, qualification, vault.cinFingerprint(personalData.cin()));
    }

    /**
     * A registration passed {@link #check}: its normalised personal data and the keyed fingerprint of its CIN.
     */
    public record Checked(Geography.Province province, PersonalData personalData, Qualification qualification,
                          String cinFingerprint) {
    }

    /**
     * Registers a request that passed {@link #check} under {@code artisanId}, which a bulk import derives from its job
     * and row. Empty when an earlier run of that row registered it already (a row run again after a crash): the CIN
     * is reserved for that id and its stream exists. Only then is the event store asked; a row met for the first time
     * costs the reservation alone.
     */
    public Optional<Registered> registerOnce(RegisterArtisanRequest request, Checked checked, String artisanId) {
        boolean reservedNow = cinReservations.reserve(checked.cinFingerprint(), artisanId);
        if (!reservedNow && hasEventStream.test(artisanId)) {
            return Optional.empty();
        }
        return Optional.of(registerReserved(request, checked, artisanId));
    }

    /** The steps after the CIN reservation, each undone if the command fails before it was stored. */
    private Registered registerReserved(RegisterArtisanRequest request, Checked checked, String artisanId) {
        Geography.Province province = checked.province();
        PersonalData personalData = checked.personalData();
        Qualification qualification = checked.qualification();
        String fingerprint = checked.cinFingerprint();
        SequenceKey niaSeries = new SequenceKey(NIA_SERIES, province.regionCode(), policy.today().getYear());
        Long niaNumber = null;
        String nia = null;
        boolean sealed = false;
        try {
            niaNumber = sequences.next(niaSeries);
            nia = new Nia(province.regionCode(), niaSeries.year(), niaNumber).value();
            try {
                issuedNumbers.claim(IssuedNumbers.Kind.NIA, nia, artisanId);
            } catch (IllegalStateException alreadyIssued) {
                // Someone holds this number: it must neither be released nor go back to the pool.
                nia = null;
                niaNumber = null;
                throw alreadyIssued;
            }
            SealedPersonalData sealedData = vault.seal(artisanId, personalData);
            sealed = true;
            Appended<Object> appended = commands.send(new RegisterArtisan(artisanId, nia, province.code(),
                    request.activityCode(), Gender.valueOf(request.gender()), qualification, sealedData, actor.region()),
                    artisanId, Object.class);
            return new Registered(artisanId, nia, appended);
        } catch (RuntimeException failure) {
            if (mayHaveBeenStored(artisanId, failure)) {
                // The registration was stored and failed only afterwards: its CIN, NIA and key are in use.
                throw failure;
            }
            Compensation.undo(failure, () -> cinReservations.release(fingerprint, artisanId));
            if (nia != null) {
                String claimed = nia;
                Compensation.undo(failure, () -> issuedNumbers.release(IssuedNumbers.Kind.NIA, claimed, artisanId));
            }
            if (niaNumber != null) {
                long number = niaNumber;
                Compensation.undo(failure, () -> sequences.giveBack(niaSeries, number));
            }
            if (sealed) {
                Compensation.undo(failure, () -> vault.discard(artisanId));
            }
            throw failure;
        }
    }

    /** When the store cannot tell, assume stored: a number handed out twice is worse than a gap. */
    private boolean mayHaveBeenStored(String artisanId, RuntimeException failure) {
        try {
            return hasEventStream.test(artisanId);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            return true;
        }
    }
}
