package ma.crafts.register.query.eligibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which version of one programme the eligibility model serves and which one a recompute is writing. Readers take
 * every verdict, list and count of the programme from {@link #readable()}, so flipping {@code served} in this one
 * document switches them all at once.
 *
 * @param served    the version reads are served from; null until the programme's first recompute ends
 * @param computing the version a recompute is writing, null when none runs
 * @param retired   versions no longer written, whose lists and counts are dropped by the next recompute (a reader
 *                  that read the pointer just before a switch may still be reading them until then)
 */
public record VersionPointer(String programId, Integer served, Integer computing, List<Integer> retired) {

    public VersionPointer {
        retired = List.copyOf(retired);
    }

    /** The version readers see: the served one, or for a programme never served yet the one being written. */
    public Integer readable() {
        return served != null ? served : computing;
    }

    /** The versions every write of an actor must judge: the served one and the one being computed. */
    public List<Integer> written() {
        List<Integer> written = new ArrayList<>(2);
        if (served != null) {
            written.add(served);
        }
        if (computing != null && !computing.equals(served)) {
            written.add(computing);
        }
        return written;
    }

    static VersionPointer none(String programId) {
        return new VersionPointer(programId, null, null, List.of());
    }

    /**
     * The pointer once {@code target} is the version in force: unchanged when it is already served or being computed;
     * otherwise it is to be computed, and a version that was being computed instead is retired.
     */
    VersionPointer towards(int target) {
        if (Objects.equals(target, computing) || (computing == null && Objects.equals(target, served))) {
            return this;
        }
        List<Integer> nowRetired = new ArrayList<>(retired);
        if (computing != null) {
            nowRetired.add(computing);
        }
        return new VersionPointer(programId, served, Objects.equals(target, served) ? null : target, nowRetired);
    }

    /** The computed version becomes the served one; the former served version is retired. */
    VersionPointer switched() {
        if (computing == null) {
            return this;
        }
        List<Integer> nowRetired = new ArrayList<>(retired);
        if (served != null && !served.equals(computing)) {
            nowRetired.add(served);
        }
        return new VersionPointer(programId, computing, null, nowRetired);
    }

    VersionPointer withoutRetired() {
        return new VersionPointer(programId, served, computing, List.of());
    }
}
