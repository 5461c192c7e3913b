package ma.crafts.register.query.programme.mongo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import ma.crafts.register.query.programme.ProgrammeHistory;
import org.bson.Document;
import ma.crafts.register.eventstore.ScansAccepted;

/**
 * The programmes, one document per programme holding all its versions, keyed by programme id. A programme is read
 * by {@code _id}; the whole collection is read to list them or to judge an actor against all of them, which stays
 * cheap because it holds one small document per programme (tens), not per actor.
 */
public class ProgrammeRepository {

    public static final String PROGRAMMES = "query_programmes";

    private final MongoCollection<Document> programmes;
    private final ObjectMapper json;
    /**
     * Each programme's document as last read, with its parse: every eligibility read and every write of the eligibility
     * model asks for all programmes, and parsing their JSON cost more than fetching them. The documents are still read
     * every time, so a revision written by another process is seen at once.
     */
    private final Map<String, Parsed> lastRead = new ConcurrentHashMap<>();

    private record Parsed(Document document, ProgrammeHistory history) {
    }

    public ProgrammeRepository(MongoDatabase database, ObjectMapper json) {
        this.programmes = database.getCollection(PROGRAMMES);
        this.json = json;
    }

    public void save(ProgrammeHistory history) {
        programmes.replaceOne(Filters.eq("_id", history.programId()), document(history),
                new ReplaceOptions().upsert(true));
    }

    public Optional<ProgrammeHistory> find(String programId) {
        return Optional.ofNullable(programmes.find(Filters.eq("_id", programId)).first()).map(this::history);
    }

    /** Every programme, by programme id. */
    @ScansAccepted(adr = "0001", why = "one document per benefit programme: about ten, each defined by a registry "
            + "administrator, and every verdict needs all of them (READ-MODELS.md)")
    public List<ProgrammeHistory> all() {
        List<ProgrammeHistory> all = new ArrayList<>();
        programmes.find().sort(new Document("_id", 1)).forEach(d -> all.add(parsedOnce(d)));
        return all;
    }

    public void clear() {
        programmes.drop();
        lastRead.clear();
    }

    private Document document(ProgrammeHistory history) {
        try {
            return Document.parse(json.writeValueAsString(history)).append("_id", history.programId());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProgrammeHistory parsedOnce(Document document) {
        String programId = document.getString("_id");
        Parsed last = lastRead.get(programId);
        if (last != null && last.document().equals(document)) {
            return last.history();
        }
        ProgrammeHistory history = history(new Document(document));
        lastRead.put(programId, new Parsed(document, history));
        return history;
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
