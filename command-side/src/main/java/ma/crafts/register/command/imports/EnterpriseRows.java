package ma.crafts.register.command.imports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ma.crafts.register.command.EventStreams;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.command.artisan.ArtisanRecords;
import ma.crafts.register.command.cooperative.ActorApplication;
import ma.crafts.register.command.cooperative.ActorEnrolment;
import ma.crafts.register.command.enterprise.RegisterEnterprise;
import ma.crafts.register.command.enterprise.RegisterEnterpriseRequest;
import ma.crafts.register.command.imports.RowReasons.Reason;
import ma.crafts.register.events.enterprise.EnterpriseRegistered;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.reference.Geography;

/**
 * Enterprises: a row is the body of {@code POST /api/v1/enterprises} (see {@link ActorRows}), its supervising artisan
 * named by CIN or NIA ({@code supervisor_cin}, {@code supervisor_nia}) instead of the register's id, which the
 * chambers' files do not hold.
 */
final class EnterpriseRows extends ActorRows {
    private static final String SUPERVISOR = "supervisor";
    private static final List<String> EXAMPLE = List.of("مقاولة الفخار المراكشي", "Poterie marrakchie SARL",
            "B08-001", "", "EE123456", "", "MA-MAR", "EE777777", "يوسف", "Youssef", "العلوي", "Alaoui", "1975-11-02",
            "M", "+212612345678", "Quartier industriel Sidi Ghanem, Marrakech");

    private final ArtisanReferences artisans;
    private final ActingRegion actingRegion;

    EnterpriseRows(RequestValidation validation, ActorEnrolment enrolment, ImportKeys keys, PersonalDataVault vault,
                   EventStreams streams, Geography geography, ArtisanReferences artisans, ActingRegion actingRegion) {
        super(ImportKind.ENTERPRISES, allColumns(), EXAMPLE, personal(), validation, enrolment, keys, vault, streams,
                geography);
        this.artisans = artisans;
        this.actingRegion = actingRegion;
    }

    private static List<String> allColumns() {
        List<String> columns = new ArrayList<>(NAME_AND_ACTIVITIES);
        columns.addAll(ArtisanReferences.columns(SUPERVISOR));
        columns.addAll(SEAT_AND_REPRESENTATIVE);
        return List.copyOf(columns);
    }

    private static Set<String> personal() {
        Set<String> personal = new HashSet<>(REPRESENTATIVE_PERSONAL);
        personal.add(SUPERVISOR + "_cin");
        return Set.copyOf(personal);
    }

    /** The supervisor is looked up in the row's region, as a clerk naming another region's artisan gets 404. */
    @Override
    ActorApplication request(ImportedRow row, Application a, List<Reason> reasons) {
        String supervisor = artisans.resolve(row, SUPERVISOR, actingRegion.current(), reasons)
                .map(ArtisanRecords.Current::artisanId).orElse(null);
        return new RegisterEnterpriseRequest(a.name(), a.activityCodes(), a.activityCode(), supervisor,
                a.provinceCode(), a.cin(), a.firstName(), a.lastName(), a.birthDate(), a.gender(), a.phone(),
                a.address());
    }

    @Override
    ActorEnrolment.CommandFactory command(ActorEnrolment.Checked checked, ActorApplication request) {
        return RegisterEnterprise.of(checked, supervisingArtisanId(request));
    }

    @Override
    Optional<Registered> registered(Object firstEvent) {
        return firstEvent instanceof EnterpriseRegistered r
                ? Optional.of(new Registered(r.name(), r.provinceCode(), r.activityCodes(), r.representativeGender(),
                        r.representative(), r.supervisingArtisanId()))
                : Optional.empty();
    }

    @Override
    String supervisingArtisanId(ActorApplication request) {
        return ((RegisterEnterpriseRequest) request).supervisingArtisanId().strip();
    }

    @Override
    String sameNameWithOtherData() {
        return "an enterprise of this name is already registered in this province, with other data";
    }
}
