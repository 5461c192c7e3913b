package ma.crafts.register.query.eligibility.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import ma.crafts.register.eventstore.ScansAccepted;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.platform.lease.LeaseDocument;
import ma.crafts.register.query.eligibility.EligibilityRecord;
import ma.crafts.register.query.eligibility.RecomputePass;
import ma.crafts.register.query.eligibility.Verdict;
import ma.crafts.register.query.eligibility.VersionPointer;
import ma.crafts.register.query.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.mongo.ArtisanStateCodec;
import ma.crafts.register.query.mongo.CollectionNames;
import ma.crafts.register.query.mongo.DocumentWrites;
import org.bson.Document;

/**
 * The eligibility model of one generation: {@value #ACTORS} (one document per actor: its folded state and its
 * verdicts), {@value #VERSIONS} (one {@link VersionPointer} per programme, the {@link RecomputePass} under
 * {@value #PASS} and the lease on the passes under {@value #LEASE}), and per programme version an {@link ArtisanSearchIndex} of its eligible actors, whose count
 * documents are the pre-aggregated counts. Everything is read by {@code _id} or {@code $in}, except the one listing
 * of every actor a recompute pass makes.
 */
public class EligibilityRepository {

    public static final String ACTORS = "query_eligibility";
    public static final String VERSIONS = "query_eligibility_versions";
    /** The eligible actors of a version live in the index's collections renamed with this prefix and the version. */
    private static final String INDEX_PREFIX = "query_artisan_search";
    private static final String ELIGIBLE_PREFIX = "query_eligible";
    static final String PASS = "#pass";
    static final String LEASE = "#lease";
    private static final int IN_SLICE = 128;
    /**
     * Verdict updates sent per command. mongo-java-server applies a command's updates one by one, each under the
     * collection's monitor, and the thread applying them takes it back from one update to the next ahead of a reader
     * waiting for it: a reader of an actor waited for a pass's whole command (JFR: 11-43 ms at 100 updates, on two
     * loaded cores). Between two commands the monitor is free for as long as a round trip.
     */
    static final int VERDICTS_PER_COMMAND = 10;

    private final MongoDatabase database;
    private final CollectionNames names;

    public EligibilityRepository(MongoDatabase database, CollectionNames names) {
        this.database = database;
        this.names = names;
    }

    private MongoCollection<Document> actors() {
        return database.getCollection(names.of(ACTORS));
    }

    private MongoCollection<Document> versions() {
        return database.getCollection(names.of(VERSIONS));
    }

    public Optional<EligibilityRecord> find(String actorId) {
        return Optional.ofNullable(actors().find(Filters.eq("_id", actorId)).first()).map(EligibilityRepository::record);
    }

    public Map<String, EligibilityRecord> findAll(Collection<String> actorIds) {
        Map<String, EligibilityRecord> found = new HashMap<>();
        List<String> ids = List.copyOf(actorIds);
        for (int from = 0; from < ids.size(); from += IN_SLICE) {
            for (Document d : actors().find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + IN_SLICE))))) {
                EligibilityRecord record = record(d);
                found.put(record.actorId(), record);
            }
        }
        return found;
    }

    /** Writes many records in one bulk: those of newly registered actors inserted, the others replaced. */
    public void saveAll(Collection<EligibilityRecord> records) {
        List<Document> fresh = new ArrayList<>();
        List<Document> existing = new ArrayList<>();
        for (EligibilityRecord record : records) {
            (record.state().version() == 0 ? fresh : existing).add(document(record));
        }
        DocumentWrites.saveAll(actors(), fresh, existing);
    }

    /**
     * Sets the verdicts of actors the model already holds, leaving their state as it is: a pass rewrites the verdicts
     * alone, and replacing whole records (the state is most of a record) made a pass allocate many times more.
     */
    public void saveVerdicts(Map<String, List<Verdict>> verdictsByActor) {
        List<WriteModel<Document>> writes = new ArrayList<>(verdictsByActor.size());
        verdictsByActor.forEach((actorId, verdicts) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", actorId),
                Updates.set("verdicts", verdicts(verdicts)))));
        for (int from = 0; from < writes.size(); from += VERDICTS_PER_COMMAND) {
            actors().bulkWrite(writes.subList(from, Math.min(writes.size(), from + VERDICTS_PER_COMMAND)),
                    new BulkWriteOptions().ordered(false));
        }
    }

    /** Every actor's id with the position of its registration, the order a pass visits them in. */
    @ScansAccepted(adr = "0001", why = "a recompute pass re-judges every actor, once per revision or day; it reads "
            + "the ids alone, then the actors by $in, a slice at a time")
    public Map<String, Long> allActors() {
        Map<String, Long> all = new HashMap<>();
        actors().find().projection(Projections.include("registrationPosition"))
                .forEach(d -> all.put(d.getString("_id"), d.get("registrationPosition", Number.class).longValue()));
        return all;
    }

    public Map<String, VersionPointer> pointers(Collection<String> programIds) {
        Map<String, VersionPointer> found = new HashMap<>();
        for (Document d : versions().find(Filters.in("_id", List.copyOf(programIds)))) {
            found.put(d.getString("_id"), new VersionPointer(d.getString("_id"), d.getInteger("served"),
                    d.getInteger("computing"), d.getList("retired", Integer.class, List.of())));
        }
        return found;
    }

    public void savePointer(VersionPointer pointer) {
        Document d = new Document("_id", pointer.programId()).append("served", pointer.served())
                .append("computing", pointer.computing()).append("retired", pointer.retired());
        versions().replaceOne(Filters.eq("_id", pointer.programId()), d, new ReplaceOptions().upsert(true));
    }

    public RecomputePass pass() {
        Document d = versions().find(Filters.eq("_id", PASS)).first();
        if (d == null) {
            return RecomputePass.NONE;
        }
        String judgedOn = d.getString("judgedOn");
        return new RecomputePass(d.get("number", Number.class).longValue(), Boolean.TRUE.equals(d.getBoolean("running")),
                judgedOn == null ? null : LocalDate.parse(judgedOn));
    }

    public void savePass(RecomputePass pass) {
        Document d = new Document("_id", PASS).append("number", pass.number()).append("running", pass.running())
                .append("judgedOn", pass.judgedOn() == null ? null : pass.judgedOn().toString());
        versions().replaceOne(Filters.eq("_id", PASS), d, new ReplaceOptions().upsert(true));
    }

    /** Where the lease on the recompute passes is held, beside the pointers and the pass it guards. */
    public LeaseDocument lease() {
        return new LeaseDocument(versions(), LEASE);
    }

    /** The eligible actors of one programme version, with their counts by territory and branch. */
    public ArtisanSearchIndex eligible(String programId, int version) {
        String suffix = "_" + programId.replaceAll("[^A-Za-z0-9_-]", "_") + "_v" + version;
        return new ArtisanSearchIndex(database, base -> names.of(base.replace(INDEX_PREFIX, ELIGIBLE_PREFIX) + suffix));
    }

    /** Drops the whole model, the lists and counts of every version it knows included. */
    @ScansAccepted(adr = "0001", why = "one pointer per programme (about ten), read once when the model is reset")
    public void clear() {
        for (Document pointer : versions().find()) {
            String programId = pointer.getString("_id");
            if (PASS.equals(programId) || LEASE.equals(programId)) {
                continue;
            }
            List<Integer> known = new ArrayList<>(pointer.getList("retired", Integer.class, List.of()));
            known.add(pointer.getInteger("served"));
            known.add(pointer.getInteger("computing"));
            known.stream().filter(Objects::nonNull).forEach(version -> eligible(programId, version).clear());
        }
        actors().drop();
        versions().drop();
    }

    private static Document document(EligibilityRecord record) {
        return ArtisanStateCodec.toDocument(record.state())
                .append("actorKind", record.kind().name())
                .append("verdicts", verdicts(record.verdicts()));
    }

    private static List<Document> verdicts(List<Verdict> verdicts) {
        return verdicts.stream().map(VerdictCodec::toDocument).toList();
    }

    /**
     * Records written before cooperatives and enterprises were judged name no kind: they are artisans'. Verdicts
     * stored worded, before they were stored as findings, are left out, so readers judge them on the spot until the
     * model is rebuilt (READ-MODELS.md).
     */
    private static EligibilityRecord record(Document d) {
        return new EligibilityRecord(ActorKind.valueOf(d.get("actorKind", ActorKind.ARTISAN.name())),
                ArtisanStateCodec.fromDocument(d), d.getList("verdicts", Document.class, List.of()).stream()
                .filter(verdict -> verdict.containsKey("findings")).map(VerdictCodec::fromDocument).toList());
    }
}
