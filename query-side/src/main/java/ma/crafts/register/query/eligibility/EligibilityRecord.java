package ma.crafts.register.query.eligibility;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.query.artisan.ArtisanState;

/**
 * One actor in the eligibility model: its kind, the state its verdicts were judged on (folded from its own stream by
 * {@link EligibilityFolding}, so the model needs no other read model to re-judge it) and its verdicts, for each
 * programme one per version being written, unworded ({@link Verdict}).
 */
public record EligibilityRecord(ActorKind kind, ArtisanState state, List<Verdict> verdicts) {

    public EligibilityRecord {
        Objects.requireNonNull(kind, "kind");
        verdicts = List.copyOf(verdicts);
    }

    public String actorId() {
        return state.artisanId();
    }

    public Optional<Verdict> verdict(String programId, int version) {
        return verdicts.stream().filter(v -> v.judges(programId, version)).findFirst();
    }

    public boolean eligible(String programId, int version) {
        return verdict(programId, version).map(Verdict::eligible).orElse(false);
    }
}
