package ma.crafts.register.command.cooperative;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.Compensation;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.artisan.ApplicantRules;
import ma.crafts.register.command.artisan.ArtisanRegistration;
import ma.crafts.register.command.artisan.Nia;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.command.numbering.SequenceAllocator;
import ma.crafts.register.command.numbering.SequenceKey;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.SealedPersonalData;

/**
 * Registers a cooperative or an enterprise with the artisan registration's building blocks: the province and region
 * check done before anything is consumed, {@link ApplicantRules} on the representative's clear data, an NIA from the
 * same per-region series as artisans' (one national number per actor, whatever its kind), sealing with the actor's
 * own vault key, dispatch, and the same undo when the command fails (NIA back to the pool, key discarded), so a rejected
 * request leaves nothing behind.
 *
 * <p>The representative's CIN is not reserved: one person may represent several cooperatives and enterprises and be
 * an artisan as well.
 */
public class ActorEnrolment {

    /** An application that passed the checks the REST layer can make on clear data. */
    public record Checked(String provinceCode, String regionCode, LocalizedText name, List<String> activityCodes,
                          Gender representativeGender, PersonalData representative, String actingRegion) {
    }

    public record Enrolled(String actorId, String nia, Appended<Object> appended) {
    }

    /** Builds the registration command once the actor has its id, its NIA and its sealed representative data. */
    @FunctionalInterface
    public interface CommandFactory {
        Object command(String actorId, String nia, SealedPersonalData representative);
    }

    private final CommandGatewayReceipts commands;
    private final AccessPolicy access;
    private final CurrentActor actor;
    private final PersonalDataVault vault;
    private final SequenceAllocator sequences;
    private final IssuedNumbers issuedNumbers;
    private final Geography geography;
    private final RegisterPolicy policy;
    private final Predicate<String> hasEventStream;

    public ActorEnrolment(CommandGatewayReceipts commands, AccessPolicy access, CurrentActor actor,
                          PersonalDataVault vault, SequenceAllocator sequences, IssuedNumbers issuedNumbers,
                          Geography geography, RegisterPolicy policy, Predicate<String> hasEventStream) {
        this.commands = commands;
        this.access = access;
        this.actor = actor;
        this.vault = vault;
        this.sequences = sequences;
        this.issuedNumbers = issuedNumbers;
        this.geography = geography;
        this.policy = policy;
        this.hasEventStream = hasEventStream;
    }

    /**
     * Checks what can be checked on clear data, after the caller's role was checked and the body passed bean
     * validation: the province (and the clerk's right to write in its region), the representative's personal data,
     * and the list of activities with the main one first.
     */
    public Checked check(ActorApplication application) {
        Geography.Province province = geography.province(application.provinceCode())
                .orElseThrow(() -> new InvalidInputException("provinceCode", "'" + application.provinceCode()
                        + "' is not an ISO 3166-2:MA prefecture or province code"));
        // Before any number or key is taken, so that a clerk of another region consumes nothing.
        access.requireWriteAccessToRegion(province.regionCode());
        List<FieldProblem> problems = new ArrayList<>();
        List<String> activityCodes = mainActivityFirst(application.activityCodes(), application.activityCode(),
                problems);
        PersonalData representative;
        try {
            representative = ApplicantRules.validate(new PersonalData(application.cin(),
                    localized(application.firstName()), localized(application.lastName()), application.birthDate(),
                    application.phone(), application.address()), null, policy);
        } catch (InvalidInputException invalid) {
            problems.addAll(invalid.problems());
            representative = null;
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(province.code(), province.regionCode(),
                new LocalizedText(application.name().ar().strip(), application.name().fr().strip()), activityCodes,
                Gender.valueOf(application.gender()), representative, actor.region());
    }

    /** Allocates the NIA, seals the representative's data and sends the command built by {@code factory}. */
    public Enrolled enrol(Checked checked, CommandFactory factory) {
        return enrol(checked, factory, UUID.randomUUID().toString());
    }

    /**
     * Enrols under {@code actorId}; a bulk import passes one derived from its job and row, so that a row run again
     * after a crash finds what it may already have registered.
     */
    public Enrolled enrol(Checked checked, CommandFactory factory, String actorId) {
        SequenceKey niaSeries = new SequenceKey(ArtisanRegistration.NIA_SERIES, checked.regionCode(),
                policy.today().getYear());
        Long niaNumber = null;
        String nia = null;
        boolean sealed = false;
        try {
            niaNumber = sequences.next(niaSeries);
            nia = new Nia(checked.regionCode(), niaSeries.year(), niaNumber).value();
            try {
                issuedNumbers.claim(IssuedNumbers.Kind.NIA, nia, actorId);
            } catch (IllegalStateException alreadyIssued) {
                // Someone holds this number: it must neither be released nor go back to the pool.
                nia = null;
                niaNumber = null;
                throw alreadyIssued;
            }
            SealedPersonalData representative = vault.seal(actorId, checked.representative());
            sealed = true;
            Appended<Object> appended = commands.send(factory.command(actorId, nia, representative), actorId,
                    Object.class);
            return new Enrolled(actorId, nia, appended);
        } catch (RuntimeException failure) {
            if (mayHaveBeenStored(actorId, failure)) {
                // Stored, then failed: the NIA and the key are in use.
                throw failure;
            }
            if (nia != null) {
                String claimed = nia;
                Compensation.undo(failure, () -> issuedNumbers.release(IssuedNumbers.Kind.NIA, claimed, actorId));
            }
            if (niaNumber != null) {
                long number = niaNumber;
                Compensation.undo(failure, () -> sequences.giveBack(niaSeries, number));
            }
            if (sealed) {
                Compensation.undo(failure, () -> vault.discard(actorId));
            }
            throw failure;
        }
    }

    /** When the store cannot tell, assume stored: a number handed out twice is worse than a gap. */
    private boolean mayHaveBeenStored(String actorId, RuntimeException failure) {
        try {
            return hasEventStream.test(actorId);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            return true;
        }
    }

    /** {@code activityCodes} stripped, with {@code activityCode} (optional, one of them) first. */
    static List<String> mainActivityFirst(List<String> activityCodes, String activityCode,
                                          List<FieldProblem> problems) {
        Set<String> codes = new LinkedHashSet<>();
        for (String code : activityCodes) {
            codes.add(code.strip());
        }
        if (codes.size() < activityCodes.size()) {
            problems.add(new FieldProblem("activityCodes", "must not list an activity twice"));
        }
        String main = activityCode == null || activityCode.isBlank() ? null : activityCode.strip();
        if (main == null) {
            return List.copyOf(codes);
        }
        if (!codes.contains(main)) {
            problems.add(new FieldProblem("activityCode", "the main activity must be one of activityCodes"));
            return List.copyOf(codes);
        }
        List<String> ordered = new ArrayList<>();
        ordered.add(main);
        codes.stream().filter(code -> !code.equals(main)).forEach(ordered::add);
        return ordered;
    }

    private static LocalizedText localized(ma.crafts.register.command.artisan.RegisterArtisanRequest.Name name) {
        return name == null ? null : new LocalizedText(name.ar(), name.fr());
    }
}
