package ma.crafts.register.query.card.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.card.CardRecord;
import ma.crafts.register.query.mongo.ArtisanStateCodec;
import ma.crafts.register.query.mongo.DocumentWrites;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;
import ma.crafts.register.query.mongo.CollectionNames;
import org.bson.Document;

/**
 * The card projection's collections: card records keyed by card number (what verification reads), the holders'
 * folded states keyed by artisan id (what lets a holder's status change reach every card it holds), and the check
 * codes keyed by the code itself, each naming its card. A code is only ever looked up by {@code _id}: no index or
 * filter on a code field exists that would let anyone list codes (docs/adr/0001).
 */
public class CardVerificationRepository {

    public static final String CARDS = "query_card_verification";
    public static final String HOLDERS = "query_card_holders";
    public static final String CHECK_CODES = "query_card_check_codes";

    /** mongo-java-server checks every document of an {@code $in} answer against the whole list: keep lists short. */
    private static final int IN_SLICE = 128;

    private final MongoDatabase database;
    private final CollectionNames names;

    public CardVerificationRepository(MongoDatabase database) {
        this(database, CollectionNames.FIRST_GENERATION);
    }

    /** The collections of the generation {@code names} designates, looked up on every call: a switch takes effect. */
    public CardVerificationRepository(MongoDatabase database, CollectionNames names) {
        this.database = database;
        this.names = names;
    }

    private MongoCollection<Document> cards() {
        return database.getCollection(names.of(CARDS));
    }

    private MongoCollection<Document> holders() {
        return database.getCollection(names.of(HOLDERS));
    }

    private MongoCollection<Document> checkCodes() {
        return database.getCollection(names.of(CHECK_CODES));
    }

    /** The number of the card a check code was issued with, while the code is the card's current one. */
    public Optional<String> findCardNumberByCheckCode(String checkCode) {
        return Optional.ofNullable(checkCodes().find(Filters.eq("_id", checkCode)).first())
                .map(d -> d.getString("cardNumber"));
    }

    /** Records new codes (code to card number) and forgets those a renewal replaced; both are idempotent. */
    public void saveCheckCodes(Map<String, String> cardNumbersByCode, Collection<String> retiredCodes) {
        List<WriteModel<Document>> writes = new ArrayList<>(cardNumbersByCode.size() + retiredCodes.size());
        cardNumbersByCode.forEach((code, cardNumber) -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", code),
                new Document("_id", code).append("cardNumber", cardNumber), new ReplaceOptions().upsert(true))));
        for (List<String> slice : slices(List.copyOf(retiredCodes))) {
            writes.add(new DeleteManyModel<>(Filters.in("_id", slice)));
        }
        if (!writes.isEmpty()) {
            checkCodes().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    public Optional<CardRecord> findCard(String cardNumber) {
        return Optional.ofNullable(cards().find(Filters.eq("_id", cardNumber)).first()).map(CardVerificationRepository::card);
    }

    public Optional<ArtisanState> findHolder(String artisanId) {
        return Optional.ofNullable(holders().find(Filters.eq("_id", artisanId)).first())
                .map(ArtisanStateCodec::fromDocument);
    }

    /** The holders among {@code artisanIds}, by id; the others are simply absent. */
    public Map<String, ArtisanState> findHolders(Collection<String> artisanIds) {
        Map<String, ArtisanState> found = new HashMap<>();
        for (List<String> slice : slices(List.copyOf(artisanIds))) {
            for (Document d : holders().find(Filters.in("_id", slice))) {
                ArtisanState holder = ArtisanStateCodec.fromDocument(d);
                found.put(holder.artisanId(), holder);
            }
        }
        return found;
    }

    private static List<List<String>> slices(List<String> ids) {
        List<List<String>> slices = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IN_SLICE) {
            slices.add(ids.subList(from, Math.min(ids.size(), from + IN_SLICE)));
        }
        return slices;
    }

    public void saveCard(CardRecord card) {
        saveCards(List.of(card));
    }

    /** Replaces (or inserts) many card records in one unordered bulk. */
    public void saveCards(Collection<CardRecord> cardRecords) {
        List<WriteModel<Document>> writes = new ArrayList<>(cardRecords.size());
        for (CardRecord card : cardRecords) {
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", card.cardNumber()), document(card),
                    new ReplaceOptions().upsert(true)));
        }
        if (!writes.isEmpty()) {
            cards().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    public void saveHolder(ArtisanState holder) {
        saveHolders(List.of(holder));
    }

    /** Writes many holders in one unordered bulk; one at version 0 (just registered) is inserted, see {@link DocumentWrites#saveAll}. */
    public void saveHolders(Collection<ArtisanState> states) {
        List<Document> fresh = new ArrayList<>();
        List<Document> existing = new ArrayList<>();
        for (ArtisanState holder : states) {
            (holder.version() == 0 ? fresh : existing).add(ArtisanStateCodec.toDocument(holder));
        }
        DocumentWrites.saveAll(holders(), fresh, existing);
    }

    private static Document document(CardRecord card) {
        return new Document("_id", card.cardNumber())
                .append("artisanId", card.artisanId())
                .append("status", card.status().name())
                .append("validFrom", card.validFrom() == null ? null : card.validFrom().toString())
                .append("validUntil", card.validUntil() == null ? null : card.validUntil().toString())
                .append("checkCode", card.checkCode())
                .append("activityCode", card.activityCode())
                .append("holderStatus", card.holderStatus().name())
                .append("holderData", ArtisanStateCodec.sealed(card.holderData()))
                .append("version", card.version());
    }

    public void clear() {
        cards().drop();
        holders().drop();
        checkCodes().drop();
    }

    private static CardRecord card(Document d) {
        String validFrom = d.getString("validFrom");
        String validUntil = d.getString("validUntil");
        Object version = d.get("version");
        return new CardRecord(d.getString("_id"), d.getString("artisanId"), CardStatus.valueOf(d.getString("status")),
                validFrom == null ? null : LocalDate.parse(validFrom),
                validUntil == null ? null : LocalDate.parse(validUntil), d.getString("checkCode"),
                d.getString("activityCode"), ArtisanStatus.valueOf(d.getString("holderStatus")),
                ArtisanStateCodec.sealed(d.get("holderData", Document.class)),
                version instanceof Number n ? n.longValue() : -1L);
    }
}
