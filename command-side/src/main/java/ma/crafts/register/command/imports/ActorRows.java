package ma.crafts.register.command.imports;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import ma.crafts.register.command.Compensation;
import ma.crafts.register.command.EventStreams;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.command.artisan.RegisterArtisanRequest;
import ma.crafts.register.command.cooperative.ActorApplication;
import ma.crafts.register.command.cooperative.ActorEnrolment;
import ma.crafts.register.command.cooperative.ActorName;
import ma.crafts.register.command.imports.RowReasons.Reason;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.SealedPersonalData;

/**
 * Cooperatives and enterprises: a row is the body of their {@code POST}, checked by its bean validation and
 * {@link ActorEnrolment}, and registered by the same enrolment and command as over the API. Such an actor is
 * identified in the chambers' files by its seat province and its name: a row whose province and name (Arabic and
 * French) an earlier import registered is already present when the rest of its data is the same too, and rejected
 * otherwise ({@link ImportKeys}).
 */
abstract class ActorRows extends DeclaredRows {
    /** How long a row waits for a concurrent registration of its name (another job's row) to be stored. */
    private static final Duration CONCURRENT_REGISTRATION_WAIT = Duration.ofSeconds(10);
    static final List<String> NAME_AND_ACTIVITIES = List.of("name_ar", "name_fr", "activity_codes", "activity_code");
    static final List<String> SEAT_AND_REPRESENTATIVE = List.of("province_code", "cin", "first_name_ar",
            "first_name_fr", "last_name_ar", "last_name_fr", "birth_date", "gender", "phone", "address");
    static final Set<String> REPRESENTATIVE_PERSONAL = Set.of("cin", "first_name_ar", "first_name_fr", "last_name_ar",
            "last_name_fr", "birth_date", "phone", "address");
    /** Between the activity codes of {@code activity_codes}: blanks, or any separator a spreadsheet user may type. */
    private static final String ACTIVITY_SEPARATORS = "[\\s,;|]+";
    private static final Map<String, String> COLUMN_OF_FIELD = Map.ofEntries(
            Map.entry("name", "name_fr"), Map.entry("name.ar", "name_ar"), Map.entry("name.fr", "name_fr"),
            Map.entry("activityCode", "activity_code"), Map.entry("provinceCode", "province_code"),
            Map.entry("representative", "cin"), Map.entry("firstName", "first_name_fr"),
            Map.entry("firstName.ar", "first_name_ar"), Map.entry("firstName.fr", "first_name_fr"),
            Map.entry("lastName", "last_name_fr"), Map.entry("lastName.ar", "last_name_ar"),
            Map.entry("lastName.fr", "last_name_fr"), Map.entry("birthDate", "birth_date"),
            Map.entry("supervisingArtisanId", "supervisor_cin"));

    /** What a row's columns give, before the kind builds its request from it. */
    record Application(ActorName name, List<String> activityCodes, String activityCode, String provinceCode,
                       String cin, RegisterArtisanRequest.Name firstName, RegisterArtisanRequest.Name lastName,
                       LocalDate birthDate, String gender, String phone, String address) {
    }

    /** What the registration event of an earlier import stored, to compare with a row. */
    record Registered(LocalizedText name, String provinceCode, List<String> activityCodes, Gender gender,
                      SealedPersonalData representative, String supervisingArtisanId) {
    }

    private final RequestValidation validation;
    private final ActorEnrolment enrolment;
    private final ImportKeys keys;
    private final PersonalDataVault vault;
    private final EventStreams streams;
    private final Geography geography;

    ActorRows(ImportKind kind, List<String> columns, List<String> example, Set<String> personalColumns,
              RequestValidation validation, ActorEnrolment enrolment, ImportKeys keys, PersonalDataVault vault,
              EventStreams streams, Geography geography) {
        super(kind, columns, example, personalColumns);
        this.validation = validation;
        this.enrolment = enrolment;
        this.keys = keys;
        this.vault = vault;
        this.streams = streams;
        this.geography = geography;
    }

    /** The kind's request, or null with a reason when the row cannot make one. */
    abstract ActorApplication request(ImportedRow row, Application application, List<Reason> reasons);

    abstract ActorEnrolment.CommandFactory command(ActorEnrolment.Checked checked, ActorApplication request);

    /** The registration the record's first event holds, if it is one of this kind. */
    abstract Optional<Registered> registered(Object firstEvent);

    /** The supervising artisan a request names, or null for a kind that has none. */
    abstract String supervisingArtisanId(ActorApplication request);

    /** The register's message when the province and name are another record's with other data. */
    abstract String sameNameWithOtherData();

    @Override
    public String regionOf(ImportedRow row) {
        return regionOfProvince(row, geography);
    }

    @Override
    public RowOutcome apply(ImportedRow row, boolean dryRun) {
        List<Reason> reasons = new ArrayList<>();
        Application application = application(row, reasons);
        ActorApplication request = request(row, application, reasons);
        if (!reasons.isEmpty()) {
            return RowOutcome.rejected(reasons);
        }
        return RowRules.outcome(ActorRows::column, "province_code", () -> {
            validation.valid(request);
            return registered(row, request, enrolment.check(request), dryRun);
        });
    }

    private RowOutcome registered(ImportedRow row, ActorApplication request, ActorEnrolment.Checked checked,
                                  boolean dryRun) {
        String key = key(checked);
        String recordId = row.recordId();
        Optional<String> holder = keys.holderOf(key);
        if (holder.isPresent() && !holder.get().equals(recordId)) {
            return alreadyPresentOrOther(holder.get(), key, request, checked);
        }
        if (dryRun || holder.isPresent() && streams.exists(recordId)) {
            // A dry run stops at the checks; a row stored before a crash counts as it did then.
            return RowOutcome.ACCEPTED;
        }
        String claimed = keys.claim(key, recordId);
        if (!claimed.equals(recordId)) {
            return alreadyPresentOrOther(claimed, key, request, checked);
        }
        try {
            enrolment.enrol(checked, command(checked, request), recordId);
            return RowOutcome.ACCEPTED;
        } catch (RuntimeException failure) {
            if (!mayHaveBeenStored(recordId, failure)) {
                Compensation.undo(failure, () -> keys.release(key, recordId));
            }
            throw failure;
        }
    }

    /**
     * The province and name are another record's: already present when it holds the same data. A record being
     * registered concurrently (another job's row) is waited for, so that both jobs agree.
     */
    private RowOutcome alreadyPresentOrOther(String holder, String key, ActorApplication request,
                                             ActorEnrolment.Checked checked) {
        long deadline = System.nanoTime() + CONCURRENT_REGISTRATION_WAIT.toNanos();
        Optional<Registered> stored = registration(holder);
        while (stored.isEmpty() && System.nanoTime() < deadline
                && keys.holderOf(key).map(holder::equals).orElse(false)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            stored = registration(holder);
        }
        boolean same = stored.map(found -> found.name().equals(checked.name())
                && found.provinceCode().equals(checked.provinceCode())
                && found.activityCodes().equals(checked.activityCodes())
                && found.gender() == checked.representativeGender()
                && Objects.equals(found.supervisingArtisanId(), supervisingArtisanId(request))
                && vault.open(found.representative()).map(checked.representative()::equals).orElse(false))
                .orElse(false);
        return same ? RowOutcome.ALREADY_PRESENT
                : RowOutcome.rejected(List.of(new Reason("name_fr", sameNameWithOtherData())));
    }

    private Optional<Registered> registration(String recordId) {
        return streams.payloads(recordId).findFirst().flatMap(this::registered);
    }

    /** When the store cannot tell, assume stored: a key freed under a stored record would let a second one in. */
    private boolean mayHaveBeenStored(String recordId, RuntimeException failure) {
        try {
            return streams.exists(recordId);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            return true;
        }
    }

    /** The kind, seat and name, with case and spacing as typed left out. */
    private String key(ActorEnrolment.Checked checked) {
        return String.join("\n", kind().apiName(), checked.provinceCode(), comparable(checked.name().ar()),
                comparable(checked.name().fr()));
    }

    private static String comparable(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static Application application(ImportedRow row, List<Reason> reasons) {
        String codes = row.value("activity_codes");
        return new Application(new ActorName(row.value("name_ar"), row.value("name_fr")),
                codes == null ? List.of() : Arrays.asList(codes.strip().split(ACTIVITY_SEPARATORS)),
                row.value("activity_code"), row.value("province_code"), row.value("cin"),
                new RegisterArtisanRequest.Name(row.value("first_name_ar"), row.value("first_name_fr")),
                new RegisterArtisanRequest.Name(row.value("last_name_ar"), row.value("last_name_fr")),
                RowRules.date(row, "birth_date", reasons), row.value("gender"), row.value("phone"),
                row.value("address"));
    }

    private static String column(String field) {
        return field.startsWith("activityCodes") ? "activity_codes" : COLUMN_OF_FIELD.getOrDefault(field, field);
    }
}
