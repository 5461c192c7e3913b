package ma.crafts.register.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Tracking tokens as plain documents ({@code _id = processor#segment}), claimed with a conditional
 * {@code findOneAndUpdate}, so exactly one node owns a segment at a time and a dead node's claim expires. Tokens are
 * stored as BSON documents an operator can read.
 */
public class MongoTokenStore implements TokenStore {
    private static final String CONFIG_ID = "__config";

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;
    private final String owner;
    private final Duration claimTimeout;
    private final Clock clock;

    public MongoTokenStore(MongoDatabase database, Serializer serializer, Duration claimTimeout, String owner, Clock clock) {
        this.tokens = database.getCollection("tracking_tokens");
        this.serializer = serializer;
        this.claimTimeout = claimTimeout;
        this.owner = owner;
        this.clock = clock;
    }

    public MongoTokenStore(MongoDatabase database, Serializer serializer, Duration claimTimeout) {
        this(database, serializer, claimTimeout, ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID(),
                Clock.systemUTC());
    }

    static String id(String processorName, int segment) {
        return processorName + "#" + segment;
    }

    @ScansAccepted(adr = "0001", why = "tracking_tokens holds one document per processor segment (tens), and a "
            + "claim must be conditional")
    private Bson claimable(String processorName, int segment) {
        return and(eq("_id", id(processorName, segment)),
                or(eq("owner", null), eq("owner", owner), lt("claimedAt", new Date(clock.millis() - claimTimeout.toMillis()))));
    }

    @ScansAccepted(adr = "0001", why = "tracking_tokens holds one document per processor segment (tens), and a "
            + "claim must be conditional")
    private Bson ownedByMe(String processorName, int segment) {
        return and(eq("_id", id(processorName, segment)), eq("owner", owner));
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        if (fetchSegments(processorName).length > 0) {
            throw new UnableToClaimTokenException("Tokens of processor " + processorName + " are already initialized");
        }
        List<Document> documents = new ArrayList<>();
        for (int segment = 0; segment < segmentCount; segment++) {
            documents.add(tokenDocument(processorName, segment, initialToken, null));
        }
        try {
            tokens.insertMany(documents);
        } catch (MongoBulkWriteException e) {
            throw new UnableToClaimTokenException("Another node initialized processor " + processorName + " first");
        }
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        initializeTokenSegments(processorName, segmentCount, null);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        try {
            tokens.insertOne(tokenDocument(processorName, segment, token, null));
        } catch (MongoWriteException e) {
            throw new UnableToInitializeTokenException("Segment " + segment + " of " + processorName + " already exists");
        }
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return true;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        Document before = tokens.findOneAndUpdate(claimable(processorName, segment),
                Updates.combine(Updates.set("owner", owner), Updates.set("claimedAt", now()),
                        Updates.set("token", serialize(token)), Updates.set("tokenType", typeOf(token))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (before != null) {
            return;
        }
        try {
            tokens.insertOne(tokenDocument(processorName, segment, token, owner));
        } catch (MongoWriteException e) {
            throw new UnableToClaimTokenException("Segment " + segment + " of " + processorName + " is claimed by another node");
        }
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        Document before = tokens.findOneAndUpdate(claimable(processorName, segment),
                Updates.combine(Updates.set("owner", owner), Updates.set("claimedAt", now())),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (before == null) {
            boolean exists = tokens.find(eq("_id", id(processorName, segment))).first() != null;
            throw new UnableToClaimTokenException(exists
                    ? "Segment " + segment + " of " + processorName + " is claimed by another node"
                    : "Segment " + segment + " of " + processorName + " is not initialized");
        }
        return deserialize(before);
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        if (tokens.updateOne(ownedByMe(processorName, segment), Updates.set("claimedAt", now())).getMatchedCount() == 0) {
            throw new UnableToClaimTokenException("Lost the claim on segment " + segment + " of " + processorName);
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        tokens.updateOne(ownedByMe(processorName, segment), Updates.set("owner", null));
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        if (tokens.deleteOne(ownedByMe(processorName, segment)).getDeletedCount() == 0) {
            throw new UnableToClaimTokenException("Cannot delete segment " + segment + " of " + processorName
                    + ": not claimed by this node");
        }
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return segmentDocuments(processorName).stream().mapToInt(document -> document.getInteger("segment")).sorted().toArray();
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        List<Document> documents = segmentDocuments(processorName);
        int[] all = documents.stream().mapToInt(document -> document.getInteger("segment")).sorted().toArray();
        long expiredBefore = clock.millis() - claimTimeout.toMillis();
        return documents.stream()
                .filter(document -> document.get("owner") == null || owner.equals(document.getString("owner"))
                        || document.getDate("claimedAt") == null || document.getDate("claimedAt").getTime() < expiredBefore)
                .map(document -> Segment.computeSegment(document.getInteger("segment"), all))
                .toList();
    }

    /** Every segment's token of a processor, read without claiming (for progress checks). */
    public List<TrackingToken> peekTokens(String processorName) {
        return segmentDocuments(processorName).stream().map(this::deserialize).toList();
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        Document config = tokens.find(eq("_id", CONFIG_ID)).first();
        if (config == null) {
            try {
                tokens.insertOne(new Document("_id", CONFIG_ID).append("storageIdentifier", UUID.randomUUID().toString()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            config = tokens.find(eq("_id", CONFIG_ID)).first();
        }
        return Optional.ofNullable(config).map(document -> document.getString("storageIdentifier"));
    }

    @ScansAccepted(adr = "0001", why = "tracking_tokens holds one document per processor segment (tens)")
    private List<Document> segmentDocuments(String processorName) {
        return tokens.find(eq("processorName", processorName)).into(new ArrayList<>());
    }

    private Document tokenDocument(String processorName, int segment, TrackingToken token, String claimedBy) {
        return new Document("_id", id(processorName, segment)).append("processorName", processorName)
                .append("segment", segment).append("token", serialize(token)).append("tokenType", typeOf(token))
                .append("owner", claimedBy).append("claimedAt", now());
    }

    private Object serialize(TrackingToken token) {
        return token == null ? null : BsonJson.toBson(serializer.serialize(token, JsonNode.class).getData());
    }

    private String typeOf(TrackingToken token) {
        return token == null ? null : serializer.typeForClass(token.getClass()).getName();
    }

    private TrackingToken deserialize(Document document) {
        Object token = document.get("token");
        if (token == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(BsonJson.toJson(token), JsonNode.class,
                document.getString("tokenType"), null));
    }

    private Date now() {
        return new Date(clock.millis());
    }
}
