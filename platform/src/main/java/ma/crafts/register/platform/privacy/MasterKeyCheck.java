package ma.crafts.register.platform.privacy;

import java.util.Date;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import ma.crafts.register.platform.PlatformStartupException;
import org.bson.Document;

/**
 * Stops a process from starting on a register whose personal data is sealed under another master key. The vault only
 * finds out when it opens a key, so without this a process started with a wrong key (a direct import on a migration
 * machine, a replica given another secret) would run, create new keys under its own master key and compute CIN
 * fingerprints that never meet the register's: duplicates slip through and a part of the register opens under one
 * key only. The first process records the key's public id ({@link MasterKey#id()}), or the id the existing keys were
 * wrapped by; every later one must match it.
 */
public final class MasterKeyCheck {
    public static final String COLLECTION = "personal_data_master_key";
    private static final String RECORD_ID = "master-key";
    private static final String MASTER_KEY_ID = "masterKeyId";

    private MasterKeyCheck() {
    }

    /**
     * @throws PlatformStartupException when the register's data is sealed under another master key
     */
    public static void verify(MongoDatabase database, MasterKey masterKey) {
        MongoCollection<Document> records = database.getCollection(COLLECTION);
        Document recorded = records.find(Filters.eq("_id", RECORD_ID)).first();
        if (recorded == null) {
            recorded = record(records, keyIdOfExistingData(database).orElse(masterKey.id()));
        }
        String registerKeyId = recorded.getString(MASTER_KEY_ID);
        if (!masterKey.id().equals(registerKeyId)) {
            throw new PlatformStartupException("The personal-data master key " + masterKey.id() + " is not the one "
                    + "this register's personal data is sealed under (" + registerKeyId + ")",
                    "Start with the register's own REGISTER_PRIVACY_MASTER_KEY (register.privacy.master-key), the "
                            + "same for every instance and every direct import.");
        }
    }

    /** The first to record wins; a process that loses the race compares with the winner's record. */
    private static Document record(MongoCollection<Document> records, String keyId) {
        try {
            Document record = new Document("_id", RECORD_ID).append(MASTER_KEY_ID, keyId).append("recordedAt", new Date());
            records.insertOne(record);
            return record;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return records.find(Filters.eq("_id", RECORD_ID)).first();
        }
    }

    /** A register that sealed personal data before this check existed: the key that wrapped its keys is its own. */
    private static Optional<String> keyIdOfExistingData(MongoDatabase database) {
        Document anyKey = database.getCollection(PersonalDataVault.COLLECTION).find(Filters.exists(MASTER_KEY_ID))
                .projection(Projections.include(MASTER_KEY_ID)).limit(1).first();
        return Optional.ofNullable(anyKey).map(key -> key.getString(MASTER_KEY_ID));
    }
}
