package ma.crafts.register.query.audit.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ma.crafts.register.eventstore.ChainBreak;
import ma.crafts.register.eventstore.StoreVerification;
import ma.crafts.register.eventstore.StreamHeads;
import ma.crafts.register.platform.lease.LeaseDocument;
import ma.crafts.register.query.audit.VerificationRun;
import org.bson.Document;

/**
 * Store verifications as they run, so that one a restart interrupted is carried on rather than started over:
 * {@code store_verifications} holds a document per run ({@code _id} = the run's id) with what a request shows of it
 * and, while it runs, where it stands; every stream's head it has reached is spread over
 * {@code store_verification_heads} ({@code _id} = run, generation, part), at most {@link StreamHeads#HEADS_PER_PART} heads a
 * document, so that no document grows with the register. A new generation is written whole before the run's document
 * names it, so a process that dies while saving leaves the previous one readable. One document,
 * {@code _id = "unfinished"}, lists the runs still to finish, in the order they were asked for.
 */
public class VerificationRecords {
    public static final String RUNS = "store_verifications";
    public static final String HEADS = "store_verification_heads";
    /** One lease document per run ({@code _id} = the run's id): the node carrying the run on. */
    public static final String LEASES = "store_verification_leases";
    private static final String UNFINISHED = "unfinished";
    private static final String IDS = "ids";
    private static final String SHOWN = "shown";
    private static final String RESUMPTION = "resumption";
    private static final String GENERATION = "generation";
    private static final String PARTS = "parts";

    /** What a request shows of a run, kept as the API writes it (instants as ISO-8601 text). */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final MongoCollection<Document> runs;
    private final MongoCollection<Document> heads;
    private final MongoCollection<Document> leases;

    public VerificationRecords(MongoDatabase database) {
        this.runs = database.getCollection(RUNS);
        this.heads = database.getCollection(HEADS);
        this.leases = database.getCollection(LEASES);
    }

    /** Where the node that runs {@code runId} holds it, so that no other node carries the same run on. */
    public LeaseDocument lease(String runId) {
        return new LeaseDocument(leases, runId);
    }

    /** A run asked for and not finished yet: what a request shows of it and where it stands. */
    public record Unfinished(VerificationRun.Progress shown, Optional<StoreVerification.Resumption> resumption) {
    }

    /** Records a run that was just asked for: unfinished until {@link #finished}. */
    public void started(VerificationRun.Progress shown) {
        String runId = shown.id();
        runs.replaceOne(eq("_id", runId), new Document("_id", runId).append(SHOWN, toDocument(shown)),
                new ReplaceOptions().upsert(true));
        runs.updateOne(eq("_id", UNFINISHED), Updates.addToSet(IDS, runId), new UpdateOptions().upsert(true));
    }

    /** Keeps where the run stands, replacing what was kept before. */
    public void reached(VerificationRun.Progress shown, StoreVerification.Resumption state) {
        String runId = shown.id();
        Document current = runs.find(eq("_id", runId)).first();
        long generation = current == null || current.get(RESUMPTION) == null ? 1
                : current.get(RESUMPTION, Document.class).getLong(GENERATION) + 1;
        List<Document> parts = StreamHeads.parts(state.heads(), part -> partId(runId, generation, part));
        if (!parts.isEmpty()) {
            heads.insertMany(parts);
        }
        runs.updateOne(eq("_id", runId), Updates.combine(Updates.set(SHOWN, toDocument(shown)),
                Updates.set(RESUMPTION, toDocument(state).append(GENERATION, generation).append(PARTS, parts.size()))));
        if (current != null && current.get(RESUMPTION) != null) {
            dropHeads(runId, current.get(RESUMPTION, Document.class));
        }
    }

    /** Records the run's outcome; it is no longer carried on. */
    public void finished(VerificationRun.Progress shown) {
        String runId = shown.id();
        Document current = runs.find(eq("_id", runId)).first();
        runs.replaceOne(eq("_id", runId), new Document("_id", runId).append(SHOWN, toDocument(shown)),
                new ReplaceOptions().upsert(true));
        runs.updateOne(eq("_id", UNFINISHED), Updates.pull(IDS, runId));
        if (current != null && current.get(RESUMPTION) != null) {
            dropHeads(runId, current.get(RESUMPTION, Document.class));
        }
    }

    /** What a request shows of a run, finished or not. */
    public Optional<VerificationRun.Progress> shown(String runId) {
        return Optional.ofNullable(runs.find(eq("_id", runId)).first())
                .map(run -> progressOf(run.get(SHOWN, Document.class)));
    }

    /** The runs to carry on, oldest first. */
    public List<Unfinished> unfinished() {
        Document list = runs.find(eq("_id", UNFINISHED)).first();
        List<Unfinished> found = new ArrayList<>();
        for (String id : list == null ? List.<String>of() : list.getList(IDS, String.class)) {
            Document run = runs.find(eq("_id", id)).first();
            if (run != null) {
                Document kept = run.get(RESUMPTION, Document.class);
                found.add(new Unfinished(progressOf(run.get(SHOWN, Document.class)),
                        Optional.ofNullable(kept).map(resumption -> fromDocument(id, resumption))));
            }
        }
        return found;
    }

    private void dropHeads(String runId, Document resumption) {
        long generation = resumption.getLong(GENERATION);
        List<String> ids = new ArrayList<>();
        for (int part = 0; part < resumption.getInteger(PARTS); part++) {
            ids.add(partId(runId, generation, part));
        }
        if (!ids.isEmpty()) {
            heads.deleteMany(in("_id", ids));
        }
    }

    private static String partId(String runId, long generation, int part) {
        return runId + "/" + generation + "/" + part;
    }

    private static Document toDocument(VerificationRun.Progress shown) {
        try {
            return Document.parse(JSON.writeValueAsString(shown));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot record verification " + shown.id(), e);
        }
    }

    private static VerificationRun.Progress progressOf(Document shown) {
        try {
            return JSON.readValue(shown.toJson(), VerificationRun.Progress.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a recorded verification", e);
        }
    }

    private static Document toDocument(StoreVerification.Resumption state) {
        return new Document("lastPosition", state.lastPosition()).append("nextWindow", state.nextWindow())
                .append("nextPosition", state.nextPosition()).append("commits", state.commits())
                .append("events", state.events()).append("breakCount", state.breakCount())
                .append("breaks", state.breaks().stream().map(VerificationRecords::toDocument).toList())
                .append("holes", state.holes().stream()
                        .map(hole -> new Document("from", hole.from()).append("to", hole.to())).toList())
                .append("waiting", state.waiting().stream().map(commit -> new Document("a", commit.aggregateId())
                        .append("first", commit.firstSeq()).append("last", commit.lastSeq())
                        .append("prev", commit.prevHash()).append("h", commit.hash())
                        .append("position", commit.position())).toList());
    }

    private static Document toDocument(ChainBreak found) {
        return new Document("a", found.aggregateId()).append("s", found.sequence()).append("position", found.position())
                .append("kind", found.kind().name()).append("detail", found.detail());
    }

    private StoreVerification.Resumption fromDocument(String runId, Document kept) {
        long generation = kept.getLong(GENERATION);
        List<StreamHeads.Head> reached = new ArrayList<>();
        for (int part = 0; part < kept.getInteger(PARTS); part++) {
            reached.addAll(StreamHeads.ofPart(heads.find(eq("_id", partId(runId, generation, part))).first()));
        }
        return new StoreVerification.Resumption(kept.getLong("lastPosition"), kept.getLong("nextWindow"),
                kept.getLong("nextPosition"), kept.getLong("commits"), kept.getLong("events"),
                kept.getLong("breakCount"),
                kept.getList("breaks", Document.class).stream().map(found -> new ChainBreak(found.getString("a"),
                        found.getLong("s"), found.getLong("position"), ChainBreak.Kind.valueOf(found.getString("kind")),
                        found.getString("detail"))).toList(),
                kept.getList("holes", Document.class).stream()
                        .map(hole -> new StoreVerification.Hole(hole.getLong("from"), hole.getLong("to"))).toList(),
                reached,
                kept.getList("waiting", Document.class).stream().map(commit -> new StoreVerification.WaitingCommit(
                        commit.getString("a"), commit.getLong("first"), commit.getLong("last"),
                        commit.getString("prev"), commit.getString("h"), commit.getLong("position"))).toList());
    }
}
