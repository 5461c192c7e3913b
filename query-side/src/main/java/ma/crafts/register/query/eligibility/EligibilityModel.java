package ma.crafts.register.query.eligibility;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.platform.lease.Lease;
import ma.crafts.register.query.ProjectionBatches;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanSearchKeys;
import ma.crafts.register.query.artisan.ArtisanSearchKeys.Placement;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.artisan.FoldedArtisans;
import ma.crafts.register.query.eligibility.mongo.EligibilityRepository;
import ma.crafts.register.query.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.mongo.ArtisanSearchIndex.Move;
import ma.crafts.register.query.mongo.WriterProgress;
import ma.crafts.register.query.programme.ProgrammeHistory;
import ma.crafts.register.query.programme.ProgrammeVersion;

/**
 * The materialised eligibility model of one generation: every actor's verdicts, for each programme one per version
 * being written (the served one, and the one a recompute is computing), the eligible actors of each version listed
 * and counted in an {@link ArtisanSearchIndex}, and the {@link VersionPointer} that tells readers which version to
 * read. A revision is judged by a {@linkplain #recomputeIfDue() pass} over every actor while reads keep being served
 * from the former version; the pass then flips each programme's pointer, so readers move from one version's verdicts,
 * lists and counts to the next all at once.
 *
 * <p>Every write (a batch of actor events, or a slice of a pass) reads the records, judges and writes them while
 * holding one lock, shared by all the models of the process (every generation): in one process a pass slice and an event
 * batch never interleave, so an actor's verdicts for the version being computed are always judged on its latest state, and the list moves,
 * derived from the stored verdicts, always match them. Passes run in one query-side process at a time, the holder
 * of the {@link Lease}; the event batches run wherever the processor's segments are claimed.
 *
 * <p>Time: verdicts judge the day they are written (a card valid on that day, an age on that day...). A pass also runs
 * once a day, re-judging every actor at the same versions, so no verdict is more than a day old.
 */
public class EligibilityModel {

    /** Actors a pass reads, judges and writes at a time, under the write lock: bounds how long event batches wait. */
    static final int PASS_SLICE = 100;
    /** A pass's moves are ordered by pass number, then registration position, which fits in these bits. */
    private static final int POSITION_BITS = 40;
    private static final String PASS_WRITER = "pass";
    private static final Object WRITE_LOCK = new Object();

    private final EligibilityRepository repository;
    private final ProgrammeJudge judge;
    private final Supplier<List<ProgrammeHistory>> programmes;
    private final RegisterCalendar calendar;
    private final EligibilityFolding folding;
    private final Lease lease;
    private final double passShare;

    /** A model whose passes take their thread whole. */
    public EligibilityModel(EligibilityRepository repository, ProgrammeJudge judge,
                            Supplier<List<ProgrammeHistory>> programmes,
                            RegisterCalendar calendar, ArtisanFolding folding, Lease lease) {
        this(repository, judge, programmes, calendar, folding, lease, 1);
    }

    /**
     * @param programmes every programme's history, as the programme projection holds it
     * @param lease      this process's claim on the passes, shared with the other query-side processes
     * @param passShare  the share of its thread's time a pass takes, in (0, 1]: after each slice it rests for the
     *                   rest. A pass running flat out, with the database's work for it, took the cores the reads
     *                   wait for (bench/README.md, the eligibility model)
     */
    public EligibilityModel(EligibilityRepository repository, ProgrammeJudge judge,
                            Supplier<List<ProgrammeHistory>> programmes, RegisterCalendar calendar,
                            ArtisanFolding folding, Lease lease, double passShare) {
        if (!(passShare > 0 && passShare <= 1)) {
            throw new IllegalArgumentException("A pass's share of its thread is in (0, 1], not " + passShare);
        }
        this.repository = repository;
        this.lease = lease;
        this.judge = judge;
        this.programmes = programmes;
        this.calendar = calendar;
        this.folding = new EligibilityFolding(folding);
        this.passShare = passShare;
    }

    /** One actor event for the model, with what its writer has applied once it is. */
    public record Change(ArtisanEvent event, WriterProgress progress) {
    }

    /** What one pass did: actors re-judged, verdicts written, and how long the judging and the switch took. */
    public record PassOutcome(long number, long actors, long verdicts, long judgingNanos, long switchNanos) {
    }

    /**
     * Applies one tracking batch of actor events (artisans', cooperatives' and enterprises'): folds them, judges the
     * changed actors by every version being written, moves them in the lists and counts, then stores their records.
     */
    public void apply(ProjectionBatches.Scope scope, List<Change> changes) {
        synchronized (WRITE_LOCK) {
            Map<String, EligibilityRecord> stored = new HashMap<>();
            Map<String, ActorKind> kinds = new HashMap<>();
            FoldedArtisans folded = new FoldedArtisans(scope, folding, ids -> {
                Map<String, EligibilityRecord> found = repository.findAll(ids);
                stored.putAll(found);
                Map<String, ArtisanState> states = new HashMap<>();
                found.forEach((id, record) -> states.put(id, record.state()));
                return states;
            }, id -> repository.find(id).map(record -> {
                stored.put(id, record);
                return record.state();
            }));
            List<ProgrammeVersion> written = writtenVersions();
            Instant now = calendar.now();
            Map<String, List<Verdict>> verdicts = new HashMap<>();
            Moves moves = new Moves(written);
            for (Change change : changes) {
                folded.apply(change.event()).ifPresent(step -> {
                    String id = step.after().artisanId();
                    ActorKind kind = kinds.computeIfAbsent(id, key -> stored.containsKey(key) ? stored.get(key).kind()
                            : EligibilityFolding.kindRegisteredBy(change.event().payload()).orElseThrow());
                    List<Verdict> before = verdicts.computeIfAbsent(id,
                            key -> stored.containsKey(key) ? stored.get(key).verdicts() : List.of());
                    List<Verdict> after = judge.verdicts(kind, step.after(), now, written);
                    moves.add(step.before(), before, step.after(), after, change.event().position(), change.progress());
                    verdicts.put(id, after);
                });
            }
            if (folded.changed().isEmpty()) {
                return;
            }
            moves.write(scope.writer());
            repository.saveAll(folded.changed().stream()
                    .map(state -> new EligibilityRecord(kinds.get(state.artisanId()), state,
                            verdicts.get(state.artisanId()))).toList());
        }
    }

    /**
     * Re-judges every actor when a programme has a version in force that is not served yet, when a pass was cut
     * short, or when the last pass judged an earlier day; then switches each recomputed programme to its new version.
     * Only the holder of the lease does: another process's call returns at once.
     *
     * @return what the pass did, or empty when none was due, another process holds the lease, or it was lost mid-pass
     */
    public Optional<PassOutcome> recomputeIfDue() {
        Lease.Held held = lease.take(repository.lease(), calendar::now);
        if (held == null) {
            return Optional.empty();
        }
        try {
            return recompute(held);
        } finally {
            held.release();
        }
    }

    /** The pass, if one is due; it stops where it is, to be resumed by the new holder, when the lease is lost. */
    private Optional<PassOutcome> recompute(Lease.Held held) {
        long started = System.nanoTime();
        Begun begun;
        synchronized (WRITE_LOCK) {
            begun = beginPass();
        }
        if (begun == null) {
            return Optional.empty();
        }
        List<Map.Entry<String, Long>> actors = new ArrayList<>(repository.allActors().entrySet());
        actors.sort(Map.Entry.comparingByValue());
        long verdicts = 0;
        for (int from = 0; from < actors.size(); from += PASS_SLICE) {
            List<Map.Entry<String, Long>> slice = actors.subList(from, Math.min(actors.size(), from + PASS_SLICE));
            long sliceStarted = System.nanoTime();
            synchronized (WRITE_LOCK) {
                OptionalLong judged = rejudge(slice, begun.number(), held);
                if (judged.isEmpty()) {
                    return Optional.empty();
                }
                verdicts += judged.getAsLong();
            }
            LockSupport.parkNanos((long) ((System.nanoTime() - sliceStarted) * (1 - passShare) / passShare));
        }
        long judged = System.nanoTime();
        synchronized (WRITE_LOCK) {
            if (!held.stillHeld()) {
                return Optional.empty();
            }
            finishPass(begun);
        }
        return Optional.of(new PassOutcome(begun.number(), actors.size(), verdicts, judged - started,
                System.nanoTime() - judged));
    }

    private record Begun(long number, LocalDate day) {
    }

    private Begun beginPass() {
        RecomputePass pass = repository.pass();
        Instant now = calendar.now();
        LocalDate today = calendar.dayOf(now);
        List<ProgrammeHistory> histories = programmes.get();
        Map<String, VersionPointer> pointers = repository.pointers(histories.stream().map(ProgrammeHistory::programId)
                .toList());
        Map<String, VersionPointer> next = new HashMap<>(pointers);
        for (ProgrammeHistory history : histories) {
            VersionPointer pointer = pointers.getOrDefault(history.programId(),
                    VersionPointer.none(history.programId()));
            history.inForceAt(now).ifPresent(version -> next.put(history.programId(),
                    pointer.towards(version.version())));
        }
        boolean computing = next.values().stream().anyMatch(pointer -> pointer.computing() != null);
        if (next.equals(pointers) && !computing && !pass.running() && today.equals(pass.judgedOn())) {
            return null;
        }
        for (VersionPointer pointer : next.values()) {
            pointer.retired().forEach(version -> repository.eligible(pointer.programId(), version).clear());
            if (!pointer.equals(pointers.get(pointer.programId())) || !pointer.retired().isEmpty()) {
                repository.savePointer(pointer.withoutRetired());
            }
        }
        long number = pass.running() ? pass.number() : pass.number() + 1;
        repository.savePass(new RecomputePass(number, true, pass.judgedOn()));
        return new Begun(number, today);
    }

    /** Re-judges one slice; empty, having written nothing, when the lease was lost meanwhile. */
    private OptionalLong rejudge(List<Map.Entry<String, Long>> slice, long passNumber, Lease.Held held) {
        Map<String, EligibilityRecord> records = repository.findAll(slice.stream().map(Map.Entry::getKey).toList());
        List<ProgrammeVersion> written = writtenVersions();
        Instant now = calendar.now();
        Moves moves = new Moves(written);
        Map<String, List<Verdict>> changed = new HashMap<>();
        long verdicts = 0;
        for (Map.Entry<String, Long> actor : slice) {
            EligibilityRecord record = records.get(actor.getKey());
            if (record == null) {
                continue;
            }
            List<Verdict> after = judge.verdicts(record.kind(), record.state(), now, written);
            verdicts += after.size();
            if (!after.equals(record.verdicts())) {
                long order = (passNumber << POSITION_BITS) | actor.getValue();
                moves.add(record.state(), record.verdicts(), record.state(), after, order,
                        WriterProgress.inOrder(order));
                changed.put(record.actorId(), after);
            }
        }
        if (!held.stillHeld()) {
            return OptionalLong.empty();
        }
        moves.write(PASS_WRITER);
        repository.saveVerdicts(changed);
        return OptionalLong.of(verdicts);
    }

    private void finishPass(Begun begun) {
        List<String> ids = programmes.get().stream().map(ProgrammeHistory::programId).toList();
        for (VersionPointer pointer : repository.pointers(ids).values()) {
            if (pointer.computing() != null) {
                repository.savePointer(pointer.switched());
            }
        }
        repository.savePass(new RecomputePass(begun.number(), false, begun.day()));
    }

    /** The versions every write judges: per programme, the served one and the one being computed. */
    private List<ProgrammeVersion> writtenVersions() {
        List<ProgrammeHistory> histories = programmes.get();
        Map<String, VersionPointer> pointers = repository.pointers(histories.stream().map(ProgrammeHistory::programId)
                .toList());
        List<ProgrammeVersion> written = new ArrayList<>();
        for (ProgrammeHistory history : histories) {
            VersionPointer pointer = pointers.get(history.programId());
            if (pointer != null) {
                pointer.written().forEach(number -> version(history, number).ifPresent(written::add));
            }
        }
        return written;
    }

    private static Optional<ProgrammeVersion> version(ProgrammeHistory history, int number) {
        return history.versions().stream().filter(v -> v.version() == number).findFirst();
    }

    /**
     * The verdicts readers see for an actor: per programme, the one of its readable version; judged on the spot from
     * the actor's state when the model has none (an actor or a programme the model has not reached yet).
     *
     * @param kind    the actor's kind, by which {@code current} is judged
     * @param current the actor's state as the caller read it, used when the model holds no record of the actor
     */
    public List<ProgrammeEligibility> verdicts(ActorKind kind, ArtisanState current) {
        Optional<EligibilityRecord> record = repository.find(current.artisanId());
        ArtisanState state = record.map(EligibilityRecord::state).orElse(current);
        List<ProgrammeHistory> histories = programmes.get();
        Map<String, VersionPointer> pointers = repository.pointers(histories.stream().map(ProgrammeHistory::programId)
                .toList());
        Instant now = calendar.now();
        Map<String, ProgrammeEligibility> byProgramme = new LinkedHashMap<>();
        List<ProgrammeVersion> missing = new ArrayList<>();
        for (ProgrammeHistory history : histories) {
            VersionPointer pointer = pointers.get(history.programId());
            Optional<ProgrammeVersion> version = pointer == null || pointer.readable() == null
                    ? history.inForceAt(now) : version(history, pointer.readable());
            if (version.isEmpty()) {
                continue;
            }
            ProgrammeVersion readable = version.get();
            Optional<ProgrammeEligibility> stored = record.flatMap(r -> r.verdict(history.programId(),
                    readable.version())).map(verdict -> verdict.explained(readable));
            byProgramme.put(history.programId(), stored.orElse(null));
            if (stored.isEmpty()) {
                missing.add(readable);
            }
        }
        if (!missing.isEmpty()) {
            judge.judge(kind, state, now, missing).forEach(verdict -> byProgramme.put(verdict.programId(), verdict));
        }
        return List.copyOf(byProgramme.values());
    }

    /** The version readers see of a programme, or empty when the model serves none yet. */
    public Optional<Integer> readableVersion(String programId) {
        return Optional.ofNullable(repository.pointers(List.of(programId)).get(programId))
                .map(VersionPointer::readable);
    }

    /** One page of a programme version's eligible actors matching a search key, in registration order. */
    public EligiblePage eligible(String programId, int version, String searchKey, int page, int size) {
        ArtisanSearchIndex.BucketPage bucket = repository.eligible(programId, version).page(searchKey, page, size);
        Map<String, EligibilityRecord> records = repository.findAll(bucket.artisanIds());
        List<EligibilityRecord> found = bucket.artisanIds().stream().map(records::get).filter(Objects::nonNull)
                .toList();
        return new EligiblePage(found, bucket.total());
    }

    /** The records of one page of eligible actors and how many the key matches in all. */
    public record EligiblePage(List<EligibilityRecord> records, long total) {
    }

    /** The number of a programme version's eligible actors a search key matches, from the pre-aggregated counts. */
    public long count(String programId, int version, String searchKey) {
        return repository.eligible(programId, version).count(searchKey);
    }

    public void clear() {
        synchronized (WRITE_LOCK) {
            repository.clear();
        }
    }

    /** The list and count moves of one write, per programme version. */
    private final class Moves {
        private final List<ProgrammeVersion> versions;
        private final Map<ProgrammeVersion, List<Move>> moves = new LinkedHashMap<>();

        Moves(List<ProgrammeVersion> versions) {
            this.versions = versions;
        }

        void add(ArtisanState before, List<Verdict> verdictsBefore, ArtisanState after,
                 List<Verdict> verdictsAfter, long position, WriterProgress progress) {
            for (ProgrammeVersion version : versions) {
                Placement from = eligible(verdictsBefore, version) ? ArtisanSearchKeys.placementOf(before) : null;
                Placement to = eligible(verdictsAfter, version) ? ArtisanSearchKeys.placementOf(after) : null;
                if (!Objects.equals(from, to)) {
                    moves.computeIfAbsent(version, v -> new ArrayList<>()).add(new Move(after.artisanId(),
                            after.registrationPosition(), position, progress, from, to));
                }
            }
        }

        void write(String writer) {
            moves.forEach((version, list) -> repository.eligible(version.programId(), version.version())
                    .apply(writer, list));
        }
    }

    private static boolean eligible(List<Verdict> verdicts, ProgrammeVersion version) {
        return verdicts.stream().anyMatch(v -> v.eligible() && v.judges(version.programId(), version.version()));
    }
}
