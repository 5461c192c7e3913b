package ma.crafts.register.command.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ma.crafts.register.command.EventStreams;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.command.cooperative.ActorApplication;
import ma.crafts.register.command.cooperative.ActorEnrolment;
import ma.crafts.register.command.cooperative.RegisterCooperative;
import ma.crafts.register.command.cooperative.RegisterCooperativeRequest;
import ma.crafts.register.command.imports.RowReasons.Reason;
import ma.crafts.register.events.cooperative.CooperativeRegistered;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.reference.Geography;

/** Cooperatives: a row is the body of {@code POST /api/v1/cooperatives} (see {@link ActorRows}). */
final class CooperativeRows extends ActorRows {
    private static final List<String> EXAMPLE = List.of("تعاونية الزربية الحوزية", "Coopérative du tapis du Haouz",
            "B04-002", "", "MA-HAO", "EE654321", "خديجة", "Khadija", "أيت علي", "Ait Ali", "1979-05-14", "F",
            "+212612345678", "Douar Tameslohte, Al Haouz");

    CooperativeRows(RequestValidation validation, ActorEnrolment enrolment, ImportKeys keys, PersonalDataVault vault,
                    EventStreams streams, Geography geography) {
        super(ImportKind.COOPERATIVES, allColumns(), EXAMPLE, REPRESENTATIVE_PERSONAL, validation, enrolment, keys,
                vault, streams, geography);
    }

    private static List<String> allColumns() {
        List<String> columns = new ArrayList<>(NAME_AND_ACTIVITIES);
        columns.addAll(SEAT_AND_REPRESENTATIVE);
        return List.copyOf(columns);
    }

    @Override
    ActorApplication request(ImportedRow row, Application a, List<Reason> reasons) {
        return new RegisterCooperativeRequest(a.name(), a.activityCodes(), a.activityCode(), a.provinceCode(), a.cin(),
                a.firstName(), a.lastName(), a.birthDate(), a.gender(), a.phone(), a.address());
    }

    @Override
    ActorEnrolment.CommandFactory command(ActorEnrolment.Checked checked, ActorApplication request) {
        return RegisterCooperative.of(checked);
    }

    @Override
    Optional<Registered> registered(Object firstEvent) {
        return firstEvent instanceof CooperativeRegistered r
                ? Optional.of(new Registered(r.name(), r.provinceCode(), r.activityCodes(), r.representativeGender(),
                        r.representative(), null))
                : Optional.empty();
    }

    @Override
    String supervisingArtisanId(ActorApplication request) {
        return null;
    }

    @Override
    String sameNameWithOtherData() {
        return "a cooperative of this name is already registered in this province, with other data";
    }
}
