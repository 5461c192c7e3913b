package ma.crafts.register.command.cooperative;

import java.time.LocalDate;
import java.util.List;
import ma.crafts.register.command.artisan.RegisterArtisanRequest;

/**
 * What an application to register a cooperative or an enterprise has in common (api.md: "like an artisan's, plus
 * {@code name}, {@code activityCodes}"): the actor's name, seat province and activities, and its representative's
 * personal data in the same fields as an artisan's.
 */
public interface ActorApplication {
    ActorName name();

    /** All activities of the actor; the first is the main one unless {@link #activityCode()} names another. */
    List<String> activityCodes();

    /** Optional main activity; when given it must be one of {@link #activityCodes()}. */
    String activityCode();

    String provinceCode();

    String cin();

    RegisterArtisanRequest.Name firstName();

    RegisterArtisanRequest.Name lastName();

    LocalDate birthDate();

    String gender();

    String phone();

    String address();
}
