package ma.crafts.register.command.imports;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.command.artisan.ArtisanRecords;
import ma.crafts.register.command.artisan.ArtisanRegistration;
import ma.crafts.register.command.artisan.CinReservations;
import ma.crafts.register.command.artisan.RegisterArtisanRequest;
import ma.crafts.register.command.imports.RowReasons.Reason;
import ma.crafts.register.errors.DuplicateCinException;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.values.PersonalData;

/**
 * Artisans: a row is the body of {@code POST /api/v1/artisans}, checked by its bean validation and registered by
 * {@link ArtisanRegistration} (clear-data rules, CIN reservation, NIA, sealing, the aggregate). A row whose CIN is
 * registered with the same personal data is already present; with other data it is rejected as a duplicate CIN.
 */
final class ArtisanRows extends DeclaredRows {
    /** How long a row waits for a concurrent registration of its CIN (another job's row) to be stored. */
    private static final Duration CONCURRENT_REGISTRATION_WAIT = Duration.ofSeconds(10);
    private static final List<String> COLUMNS = List.of("cin", "first_name_ar", "first_name_fr", "last_name_ar",
            "last_name_fr", "birth_date", "gender", "phone", "address", "province_code", "activity_code",
            "qualification_route", "years_of_practice", "diploma_ref");
    private static final List<String> EXAMPLE = List.of("EE123456", "فاطمة", "Fatima", "الزهراء", "Zahra",
            "1984-03-02", "F", "+212612345678", "Derb Dabachi 12, Marrakech", "MA-MAR", "B08-001", "EXPERIENCE",
            "12", "");
    private static final Set<String> PERSONAL = Set.of("cin", "first_name_ar", "first_name_fr", "last_name_ar",
            "last_name_fr", "birth_date", "phone", "address");
    /** The request's field paths, as validation names them, to the file's columns. */
    private static final Map<String, String> COLUMN_OF_FIELD = Map.ofEntries(
            Map.entry("cin", "cin"), Map.entry("firstName.ar", "first_name_ar"),
            Map.entry("firstName.fr", "first_name_fr"), Map.entry("firstName", "first_name_fr"),
            Map.entry("lastName.ar", "last_name_ar"), Map.entry("lastName.fr", "last_name_fr"),
            Map.entry("lastName", "last_name_fr"), Map.entry("birthDate", "birth_date"),
            Map.entry("gender", "gender"), Map.entry("phone", "phone"), Map.entry("address", "address"),
            Map.entry("provinceCode", "province_code"), Map.entry("activityCode", "activity_code"),
            Map.entry("qualification.route", "qualification_route"),
            Map.entry("qualification.yearsOfPractice", "years_of_practice"),
            Map.entry("yearsOfPractice", "years_of_practice"),
            Map.entry("qualification.diplomaRef", "diploma_ref"));

    private final RequestValidation validation;
    private final ArtisanRegistration registration;
    private final CinReservations cinReservations;
    private final ArtisanRecords records;
    private final PersonalDataVault vault;
    private final Geography geography;

    ArtisanRows(RequestValidation validation, ArtisanRegistration registration, CinReservations cinReservations,
                ArtisanRecords records, PersonalDataVault vault, Geography geography) {
        super(ImportKind.ARTISANS, COLUMNS, EXAMPLE, PERSONAL);
        this.validation = validation;
        this.registration = registration;
        this.cinReservations = cinReservations;
        this.records = records;
        this.vault = vault;
        this.geography = geography;
    }

    @Override
    public String regionOf(ImportedRow row) {
        return regionOfProvince(row, geography);
    }

    @Override
    public RowOutcome apply(ImportedRow row, boolean dryRun) {
        List<Reason> reasons = new ArrayList<>();
        RegisterArtisanRequest request = request(row, reasons);
        if (!reasons.isEmpty()) {
            return RowOutcome.rejected(reasons);
        }
        try {
            validation.valid(request);
            return registered(row, request, registration.check(request), dryRun);
        } catch (ConstraintViolationException invalid) {
            for (ConstraintViolation<?> violation : invalid.getConstraintViolations()) {
                reasons.add(new Reason(column(violation.getPropertyPath().toString()), violation.getMessage()));
            }
            return RowOutcome.rejected(reasons);
        } catch (InvalidInputException invalid) {
            invalid.problems().forEach(p -> reasons.add(new Reason(column(p.field()), p.message())));
            return RowOutcome.rejected(reasons);
        } catch (ForbiddenException | RuleViolationException refused) {
            return RowOutcome.rejected(List.of(new Reason("province_code", refused.getMessage())));
        }
    }

    /**
     * A dry run asks who holds the CIN and claims it for the rest of the file; a real run reserves it, which answers
     * the same question for the row met the first time and for a row run again after a crash, without a read first.
     */
    private RowOutcome registered(ImportedRow row, RegisterArtisanRequest request,
                                  ArtisanRegistration.Checked checked, boolean dryRun) {
        if (dryRun) {
            return cinReservations.holderOf(checked.cinFingerprint())
                    .map(holder -> alreadyPresentOrDuplicate(holder, checked.personalData()))
                    .orElseGet(() -> RowOutcome.accepted(RowClaim.of(checked.cinFingerprint(),
                            checked.personalData().toString(), duplicateCin())));
        }
        try {
            registration.registerOnce(request, checked, row.recordId());
            return RowOutcome.ACCEPTED;
        } catch (DuplicateCinException taken) {
            return cinReservations.holderOf(checked.cinFingerprint())
                    .map(holder -> alreadyPresentOrDuplicate(holder, checked.personalData()))
                    .orElseGet(() -> RowOutcome.rejected(List.of(duplicateCin())));
        }
    }

    /**
     * The CIN is another record's: already present when that record holds the same personal data. A record being
     * registered concurrently (another job's row) is waited for, so that both jobs agree.
     */
    private RowOutcome alreadyPresentOrDuplicate(String holder, PersonalData data) {
        long deadline = System.nanoTime() + CONCURRENT_REGISTRATION_WAIT.toNanos();
        Optional<ArtisanRecords.Current> current = records.current(holder);
        while (current.isEmpty() && System.nanoTime() < deadline && cinHeldBy(holder, data)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            current = records.current(holder);
        }
        boolean same = current.flatMap(c -> c.personalData() == null ? Optional.empty() : vault.open(c.personalData()))
                .map(data::equals).orElse(false);
        return same ? RowOutcome.ALREADY_PRESENT : RowOutcome.rejected(List.of(duplicateCin()));
    }

    private static Reason duplicateCin() {
        return new Reason("cin", new DuplicateCinException().getMessage());
    }

    private boolean cinHeldBy(String holder, PersonalData data) {
        return cinReservations.holderOf(vault.cinFingerprint(data.cin())).map(holder::equals).orElse(false);
    }

    private static RegisterArtisanRequest request(ImportedRow row, List<Reason> reasons) {
        LocalDate birthDate = null;
        String birth = row.value("birth_date");
        if (birth != null) {
            try {
                birthDate = LocalDate.parse(birth);
            } catch (DateTimeParseException e) {
                reasons.add(new Reason("birth_date", "must be a date written yyyy-mm-dd"));
            }
        }
        Integer years = null;
        String yearsText = row.value("years_of_practice");
        if (yearsText != null) {
            try {
                years = Integer.valueOf(yearsText);
            } catch (NumberFormatException e) {
                reasons.add(new Reason("years_of_practice", "must be a whole number"));
            }
        }
        return new RegisterArtisanRequest(row.value("cin"),
                new RegisterArtisanRequest.Name(row.value("first_name_ar"), row.value("first_name_fr")),
                new RegisterArtisanRequest.Name(row.value("last_name_ar"), row.value("last_name_fr")),
                birthDate, row.value("gender"), row.value("phone"), row.value("address"), row.value("province_code"),
                row.value("activity_code"),
                new RegisterArtisanRequest.QualificationRequest(row.value("qualification_route"), years,
                        row.value("diploma_ref")));
    }

    private static String column(String field) {
        return COLUMN_OF_FIELD.getOrDefault(field, field);
    }
}
