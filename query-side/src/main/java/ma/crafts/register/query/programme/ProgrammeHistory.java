package ma.crafts.register.query.programme;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every version of one programme, oldest first. */
public record ProgrammeHistory(String programId, List<ProgrammeVersion> versions) {

    public ProgrammeHistory {
        versions = versions.stream().sorted(Comparator.comparingInt(ProgrammeVersion::version)).toList();
    }

    /** The history with {@code version} added, or put in place of the same version delivered again. */
    public ProgrammeHistory with(ProgrammeVersion version) {
        return new ProgrammeHistory(programId, Stream.concat(
                versions.stream().filter(v -> v.version() != version.version()), Stream.of(version)).toList());
    }

    /**
     * The version in force at {@code instant}: the latest to have started by then. Revisions start after the
     * version they replace, so the latest started is also the highest started.
     */
    public Optional<ProgrammeVersion> inForceAt(Instant instant) {
        return versions.stream().filter(v -> !v.effectiveFrom().isAfter(instant))
                .max(Comparator.comparingInt(ProgrammeVersion::version));
    }
}
