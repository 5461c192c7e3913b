package ma.crafts.register.values;

import java.time.LocalDate;

/** The clear form of an actor's personal data. Never stored in an event or a read model as such. */
public record PersonalData(String cin, LocalizedText firstName, LocalizedText lastName, LocalDate birthDate,
                           String phone, String address) {
}
