package ma.crafts.register.command.artisan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.TextSealer;
import ma.crafts.register.command.body.BodyFacts;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.DiplomaEvidenceChecked;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.Qualification;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.SealedPersonalData;

/**
 * The artisan rules that need nothing of the artisan's recorded state but what they are given: input checks against
 * the reference data and Law 50.17's thresholds. The aggregate ({@link Artisan}) calls them before it applies an
 * event; {@link ArtisanRegistration} calls some of them again before it reserves a CIN, so that an invalid request
 * answers 400 even when its CIN is taken.
 */
final class ArtisanRules {
    private static final int MAX_YEARS_OF_PRACTICE = 105;
    private static final int MAX_REFERENCE_LENGTH = 100;
    private static final int MAX_REASON_LENGTH = 500;
    /** Sealing with another actor's key would make crypto-shredding this artisan's data impossible. */
    private static final String OWN_KEY = "must be sealed with the artisan's own key";

    private ArtisanRules() {
    }

    /**
     * The registration the command asks for, checked against the reference data and the policy's thresholds, its
     * diploma reference sealed once the request is valid.
     */
    static ArtisanRegistered registration(RegisterArtisan command, Geography geography, Nomenclature nomenclature,
                                          RegisterPolicy policy, TextSealer sealer) {
        List<FieldProblem> problems = new ArrayList<>();
        if (command.artisanId() == null || command.artisanId().isBlank()) {
            problems.add(new FieldProblem("artisanId", "is required"));
        }
        Geography.Province province = provinceOf(command.provinceCode(), geography, problems);
        Nomenclature.Activity activity = activityOf(command.activityCode(), nomenclature, problems);
        if (command.gender() == null) {
            problems.add(new FieldProblem("gender", "must be F or M"));
        }
        ArtisanCategory category = categoryFor(command.qualification(), problems, policy.experienceRouteYears(),
                policy.masterArtisanYears());
        if (command.personalData() == null) {
            problems.add(new FieldProblem("personalData", "is required"));
        } else if (!Objects.equals(command.personalData().keyId(), command.artisanId())) {
            problems.add(new FieldProblem("personalData", OWN_KEY));
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
        return new ArtisanRegistered(command.artisanId(), command.nia(), province.code(), province.regionCode(),
                activity.code(), activity.branchCode(), nomenclature.version(), command.gender(),
                recorded(command.artisanId(), command.qualification(), sealer), category, command.personalData());
    }

    /** The qualification as the registration event records it: the diploma reference sealed. */
    private static RegisteredQualification recorded(String artisanId, Qualification qualification, TextSealer sealer) {
        return new RegisteredQualification(qualification.route(), qualification.yearsOfPractice(),
                sealer.sealIfAny(artisanId, qualification.diplomaRef()));
    }

    /** A clerk acts on artisans of its own region only; an actor with national scope has no acting region. */
    static void requireWithinRegion(String actingRegion, String artisanRegion) {
        if (actingRegion != null && !actingRegion.equals(artisanRegion)) {
            throw new ForbiddenException("A clerk of region " + actingRegion + " may only act on artisans of that region");
        }
    }

    /** The province of the register's geography, or null with a problem recorded. */
    private static Geography.Province provinceOf(String provinceCode, Geography geography, List<FieldProblem> problems) {
        Geography.Province province = geography.province(provinceCode).orElse(null);
        if (province == null) {
            problems.add(new FieldProblem("provinceCode", "'" + provinceCode
                    + "' is not an ISO 3166-2:MA prefecture or province code"));
        }
        return province;
    }

    /** The province a relocation moves the artisan to. */
    static Geography.Province province(String provinceCode, Geography geography) {
        List<FieldProblem> problems = new ArrayList<>();
        Geography.Province province = provinceOf(provinceCode, geography, problems);
        if (province == null) {
            throw new InvalidInputException(problems);
        }
        return province;
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

    /** The activity an amendment moves the artisan to: null when it names none or the artisan's current one. */
    static Nomenclature.Activity changedActivity(String requestedCode, String currentCode, Nomenclature nomenclature) {
        if (requestedCode == null) {
            return null;
        }
        List<FieldProblem> problems = new ArrayList<>();
        Nomenclature.Activity activity = activityOf(requestedCode, nomenclature, problems);
        if (activity == null) {
            throw new InvalidInputException(problems);
        }
        return activity.code().equals(currentCode) ? null : activity;
    }

    /**
     * Law 50.17 routes: a diploma needs its reference; experience needs the policy's years (3). The policy's years of
     * practice (10), whatever the route, make a master artisan.
     */
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

    /** The attestation's reference, once the attested years and the reference are well-formed. */
    static String masterArtisanEvidence(Integer yearsOfPractice, String evidenceRef) {
        List<FieldProblem> problems = new ArrayList<>();
        if (yearsOfPractice == null || yearsOfPractice < 0 || yearsOfPractice > MAX_YEARS_OF_PRACTICE) {
            problems.add(new FieldProblem("yearsOfPractice", "must be between 0 and " + MAX_YEARS_OF_PRACTICE));
        }
        String reference = reference("evidenceRef", evidenceRef, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return reference;
    }

    static void requireMasterArtisanYears(int yearsOfPractice, RegisterPolicy policy) {
        if (yearsOfPractice < policy.masterArtisanYears()) {
            throw new RuleViolationException("master-artisan-years", "Master-artisan status needs at least "
                    + policy.masterArtisanYears() + " years of effective practice; " + yearsOfPractice + " attested");
        }
    }

    /** The diploma evidence with its three references stripped, once they are well-formed. */
    static RecordDiplomaEvidence diplomaEvidence(RecordDiplomaEvidence command) {
        List<FieldProblem> problems = new ArrayList<>();
        String diplomaRef = reference("diplomaRef", command.diplomaRef(), problems);
        String issuer = reference("issuer", command.issuer(), problems);
        String evidenceRef = reference("evidenceRef", command.evidenceRef(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new RecordDiplomaEvidence(command.artisanId(), diplomaRef, issuer, evidenceRef, command.actingRegion());
    }

    /** Whether the evidence names the diploma the artisan was registered with (its reference opened, or null). */
    static DiplomaEvidenceChecked.Outcome diplomaCheck(String evidenceDiplomaRef, String registeredDiplomaRef) {
        return comparable(evidenceDiplomaRef).equals(comparable(registeredDiplomaRef))
                ? DiplomaEvidenceChecked.Outcome.CONFIRMED : DiplomaEvidenceChecked.Outcome.MISMATCH;
    }

    /** The check's outcome in words, naming neither number: a diploma number names one person. */
    static String diplomaCheckDetail(DiplomaEvidenceChecked.Outcome outcome) {
        return outcome == DiplomaEvidenceChecked.Outcome.CONFIRMED
                ? "The evidence names the diploma the artisan was registered with"
                : "The evidence names another diploma than the one the artisan was registered with";
    }

    /** Diploma references as people write them: case, blanks and separators do not make another diploma. */
    private static String comparable(String reference) {
        return reference == null ? "" : reference.replaceAll("[\\s./_-]+", "").toUpperCase(Locale.ROOT);
    }

    /** Law 50.17 art. 11: an artisan joins the provincial body of its own branch and province. */
    static void requireJoinable(BodyFacts body, String branchCode, String provinceCode) {
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
    }

    static void requireOwnSeal(SealedPersonalData sealed, String artisanId) {
        if (sealed == null || !Objects.equals(sealed.keyId(), artisanId)) {
            throw new InvalidInputException("personalData", OWN_KEY);
        }
    }

    static String reason(String reason) {
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
}
