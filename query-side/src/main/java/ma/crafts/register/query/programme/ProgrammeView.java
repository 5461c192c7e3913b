package ma.crafts.register.query.programme;

import java.time.Instant;
import java.util.List;

/**
 * A programme as the API shows it at one instant.
 *
 * @param inForce  the version in force then, or null when the first version starts later
 * @param upcoming versions recorded to start later, oldest first
 */
public record ProgrammeView(String programId, int latestVersion, ProgrammeVersion inForce,
                            List<ProgrammeVersion> upcoming) {

    static ProgrammeView of(ProgrammeHistory history, Instant at) {
        List<ProgrammeVersion> versions = history.versions();
        return new ProgrammeView(history.programId(), versions.get(versions.size() - 1).version(),
                history.inForceAt(at).orElse(null),
                versions.stream().filter(v -> v.effectiveFrom().isAfter(at)).toList());
    }
}
