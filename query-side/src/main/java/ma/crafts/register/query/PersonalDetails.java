package ma.crafts.register.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.ReadAccess.Disclosure;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.SealedPersonalData;

/**
 * One person's personal data as a reader may see it: in full for full disclosure (an auditor, the clerk of the
 * record's region, who amends that data), names reduced to initials and nothing else otherwise.
 */
@Schema(name = "PersonalDetails")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonalDetails(
        LocalizedText firstName,
        LocalizedText lastName,
        @Schema(description = "Full disclosure only") String cin,
        @Schema(description = "Full disclosure only") LocalDate birthDate,
        @Schema(description = "Full disclosure only") String phone,
        @Schema(description = "Full disclosure only") String address) {

    /** Opens {@code sealed} for this reader; null when there is nothing to show (none recorded, or erased). */
    public static PersonalDetails open(PersonalDataVault vault, SealedPersonalData sealed, Disclosure disclosure) {
        return of(sealed == null ? Optional.empty() : vault.open(sealed), disclosure);
    }

    /** Null when there is nothing to show (erased). */
    public static PersonalDetails of(Optional<PersonalData> opened, Disclosure disclosure) {
        if (opened.isEmpty()) {
            return null;
        }
        PersonalData data = opened.get();
        if (disclosure == Disclosure.FULL) {
            return new PersonalDetails(data.firstName(), data.lastName(), data.cin(), data.birthDate(), data.phone(),
                    data.address());
        }
        return new PersonalDetails(PersonalDataMasking.initials(data.firstName()),
                PersonalDataMasking.initials(data.lastName()), null, null, null, null);
    }

    /** The names of the fields present, for the log of personal-data reads of a full disclosure. */
    public List<String> fieldNames() {
        List<String> fields = new ArrayList<>(6);
        addIfPresent(fields, "firstName", firstName);
        addIfPresent(fields, "lastName", lastName);
        addIfPresent(fields, "cin", cin);
        addIfPresent(fields, "birthDate", birthDate);
        addIfPresent(fields, "phone", phone);
        addIfPresent(fields, "address", address);
        return fields;
    }

    private static void addIfPresent(List<String> fields, String name, Object value) {
        if (value != null) {
            fields.add(name);
        }
    }
}
