package ma.crafts.register.command.numbering.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.Optional;
import ma.crafts.register.command.mongo.MongoErrors;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.eventstore.ScansAccepted;
import org.bson.Document;

/** {@code nia_numbers} and {@code card_numbers}: {@code {_id: number, artisanId, issuedAt}}; the unique {@code _id} is the guard. */
public class MongoIssuedNumbers implements IssuedNumbers {
    private final MongoCollection<Document> nias;
    private final MongoCollection<Document> cards;
    private final Clock clock;

    public MongoIssuedNumbers(MongoDatabase database, Clock clock) {
        this.nias = database.getCollection("nia_numbers");
        this.cards = database.getCollection("card_numbers");
        this.clock = clock;
    }

    @Override
    public void claim(Kind kind, String number, String artisanId) {
        try {
            collection(kind).insertOne(new Document("_id", number).append("artisanId", artisanId).append("issuedAt", clock.instant()));
        } catch (MongoWriteException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                throw new IllegalStateException(kind + " " + number + " is already issued; the " + kind
                        + " counters are behind the issued numbers and need an operator", e);
            }
            throw e;
        }
    }

    @ScansAccepted(adr = "0001", why = "runs only when a command that took a number fails; _id plus artisanId keeps "
            + "another artisan's number, but it reads the whole collection (one document per number ever issued)")
    @Override
    public void release(Kind kind, String number, String artisanId) {
        collection(kind).deleteOne(and(eq("_id", number), eq("artisanId", artisanId)));
    }

    @Override
    public Optional<String> holderOf(Kind kind, String number) {
        Document doc = collection(kind).find(eq("_id", number)).first();
        return doc == null ? Optional.empty() : Optional.ofNullable(doc.getString("artisanId"));
    }

    private MongoCollection<Document> collection(Kind kind) {
        return kind == Kind.NIA ? nias : cards;
    }
}
