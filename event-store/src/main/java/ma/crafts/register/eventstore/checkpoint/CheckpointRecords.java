package ma.crafts.register.eventstore.checkpoint;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.crafts.register.eventstore.ScansAccepted;
import ma.crafts.register.eventstore.StreamHeads;
import org.bson.Document;

/**
 * The register's sealed checkpoints in MongoDB, one series for every node: {@value #CHECKPOINTS} ({@code _id} = the
 * checkpoint's id, written once and never changed) and {@value #HEADS} (its heads, {@link StreamHeads#HEADS_PER_PART}
 * a document, {@code _id} = {@code <id>/<sealing>/<part>}). A checkpoint's parts are written before it, under a key of
 * their own sealing, so a checkpoint that can be read has all its heads, and a sealer that lost the race for an id
 * leaves parts nothing names rather than overwriting the winner's.
 */
public final class CheckpointRecords {
    public static final String CHECKPOINTS = "checkpoints";
    public static final String HEADS = "checkpoint_heads";
    private static final String SEALING = "sealing";
    private static final String PARTS = "parts";

    private final MongoCollection<Document> checkpoints;
    private final MongoCollection<Document> heads;

    public CheckpointRecords(MongoDatabase database) {
        this.checkpoints = database.getCollection(CHECKPOINTS);
        this.heads = database.getCollection(HEADS);
    }

    /**
     * Stores a checkpoint under its id, unless one is stored there already.
     *
     * @return false when the id was taken: the stored checkpoint is left as it was
     */
    public boolean append(Checkpoint checkpoint) {
        String sealing = UUID.randomUUID().toString();
        List<Document> parts = StreamHeads.parts(checkpoint.heads(),
                part -> checkpoint.id() + "/" + sealing + "/" + part);
        if (!parts.isEmpty()) {
            heads.insertMany(parts);
        }
        try {
            checkpoints.insertOne(toDocument(checkpoint).append(SEALING, sealing).append(PARTS, parts.size()));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            if (!parts.isEmpty()) {
                heads.deleteMany(Filters.in("_id", parts.stream().map(part -> part.get("_id")).toList()));
            }
            return false;
        }
    }

    /** The checkpoint with its heads. */
    public Optional<Checkpoint> read(long id) {
        Document stored = checkpoints.find(Filters.eq("_id", id)).first();
        if (stored == null) {
            return Optional.empty();
        }
        List<StreamHeads.Head> found = new ArrayList<>();
        for (int part = 0; part < stored.getInteger(PARTS); part++) {
            String partId = id + "/" + stored.getString(SEALING) + "/" + part;
            found.addAll(StreamHeads.ofPart(heads.find(Filters.eq("_id", partId)).first()));
        }
        return Optional.of(fromDocument(stored, found));
    }

    /** The newest checkpoint, without its heads (its canonical text and chain hash need only their digest). */
    @ScansAccepted(adr = "0001", why = "one small document per checkpoint, sealed once a day by default (a few "
            + "thousand in ten years); read once per seal")
    public Optional<Checkpoint> latestWithoutHeads() {
        return Optional.ofNullable(checkpoints.find().sort(Sorts.descending("_id")).limit(1).first())
                .map(stored -> fromDocument(stored, List.of()));
    }

    /** Every checkpoint, oldest first, without its heads: what a list shows and what the chain is checked on. */
    @ScansAccepted(adr = "0001", why = "one small document per checkpoint, sealed once a day by default (a few "
            + "thousand in ten years); the list shows every one")
    public List<Checkpoint> seriesWithoutHeads() {
        List<Checkpoint> series = new ArrayList<>();
        checkpoints.find().sort(Sorts.ascending("_id")).forEach(stored -> series.add(fromDocument(stored, List.of())));
        return series;
    }

    private static Document toDocument(Checkpoint checkpoint) {
        return new Document("_id", checkpoint.id()).append("position", checkpoint.position())
                .append("sealedAt", checkpoint.sealedAt()).append("events", checkpoint.events())
                .append("streams", checkpoint.streams()).append("headsDigest", checkpoint.headsDigest())
                .append("keyId", checkpoint.keyId()).append("publicKey", checkpoint.publicKey())
                .append("signature", checkpoint.signature())
                .append("readLog", checkpoint.readLog() == null ? null : new Document("sequence",
                        checkpoint.readLog().sequence()).append("hash", checkpoint.readLog().hash()))
                .append("previous", checkpoint.previous());
    }

    private static Checkpoint fromDocument(Document stored, List<StreamHeads.Head> heads) {
        Document readLog = stored.get("readLog", Document.class);
        return new Checkpoint(stored.getLong("_id"), stored.getLong("position"), stored.getString("sealedAt"),
                stored.getLong("events"), stored.getLong("streams"), stored.getString("headsDigest"),
                stored.getString("keyId"), stored.getString("publicKey"), stored.getString("signature"), heads,
                readLog == null ? null : new Checkpoint.LogHead(readLog.getLong("sequence"), readLog.getString("hash")),
                stored.getString("previous"));
    }
}
