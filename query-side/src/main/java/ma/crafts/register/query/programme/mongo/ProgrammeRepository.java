package ma.crafts.register.query.programme.mongo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import ma.crafts.register.eventstore.ScansAccepted;
import ma.crafts.register.query.programme.ProgrammeHistory;
import org.bson.Document;

/**
 * The programmes, one document per programme holding all its versions, keyed by programme id. A programme is read
 * by {@code _id}; the whole collection is read to list them, once per change: every write also stamps
 * {@value #REVISIONS}, and a process lists the programmes again only when the stamp differs from the one it listed
 * them under.
 */
public class ProgrammeRepository {

    public static final String PROGRAMMES = "query_programmes";
    /** One document, the stamp of the programmes' last change; apart, so that a reset of the programmes keeps it. */
    public static final String REVISIONS = "query_programmes_revision";
    private static final String REVISION = "programmes";

    private final MongoCollection<Document> programmes;
    private final MongoCollection<Document> revisions;
    private final ObjectMapper json;
    /**
     * Every programme as last listed, under the stamp read just before: every eligibility read and every write of the
     * eligibility model asks for all programmes, and listing them cost more than the rest of a read.
     */
    private final AtomicReference<Listed> lastListed = new AtomicReference<>();

    private record Listed(String revision, List<ProgrammeHistory> programmes) {
    }

    public ProgrammeRepository(MongoDatabase database, ObjectMapper json) {
        this.programmes = database.getCollection(PROGRAMMES);
        this.revisions = database.getCollection(REVISIONS);
        this.json = json;
    }

    public void save(ProgrammeHistory history) {
        programmes.replaceOne(Filters.eq("_id", history.programId()), document(history),
                new ReplaceOptions().upsert(true));
        stampChange();
    }

    public Optional<ProgrammeHistory> find(String programId) {
        return Optional.ofNullable(programmes.find(Filters.eq("_id", programId)).first()).map(this::history);
    }

    /**
     * Every programme, by programme id: listed again only when another write has stamped them since the last listing,
     * in this process or another. A listing that raced a write is kept under the stamp read before it, so the next
     * call, reading the write's stamp, lists them again.
     */
    public List<ProgrammeHistory> all() {
        String revision = revision();
        Listed listed = lastListed.get();
        if (listed != null && listed.revision().equals(revision)) {
            return listed.programmes();
        }
        List<ProgrammeHistory> all = list();
        lastListed.set(new Listed(revision, all));
        return all;
    }

    @ScansAccepted(adr = "0001", why = "one document per benefit programme: about ten, each defined by a registry "
            + "administrator, listed again only after one of them changed (READ-MODELS.md)")
    private List<ProgrammeHistory> list() {
        List<ProgrammeHistory> all = new ArrayList<>();
        programmes.find().sort(new Document("_id", 1)).forEach(d -> all.add(history(d)));
        return List.copyOf(all);
    }

    public void clear() {
        programmes.drop();
        stampChange();
    }

    /** The stamp of the last change; empty before the first. */
    private String revision() {
        Document stamp = revisions.find(Filters.eq("_id", REVISION)).first();
        return stamp == null ? "" : stamp.getString("revision");
    }

    /**
     * A new random stamp rather than a counter: a counter restarted with its database could come back to the value a
     * running process listed the former programmes under.
     */
    private void stampChange() {
        revisions.updateOne(Filters.eq("_id", REVISION), Updates.set("revision", UUID.randomUUID().toString()),
                new UpdateOptions().upsert(true));
    }

    private Document document(ProgrammeHistory history) {
        try {
            return Document.parse(json.writeValueAsString(history)).append("_id", history.programId());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProgrammeHistory history(Document document) {
        document.remove("_id");
        try {
            return json.readValue(document.toJson(), ProgrammeHistory.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
