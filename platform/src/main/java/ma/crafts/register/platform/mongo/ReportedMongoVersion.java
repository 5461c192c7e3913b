package ma.crafts.register.platform.mongo;

import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.ServerVersion;
import java.util.List;

/**
 * The MongoDB version the embedded server reports: 5.0, the newest that mongo-java-server 1.47 implements
 * ({@link ServerVersion#MONGO_5_0}, already its default), but with 5.0's real wire version, 13. The library pairs
 * 5.0 with wire version 8, that of MongoDB 4.2, and current mongosh, the operator's shell, refuses any server below
 * wire version 9.
 */
enum ReportedMongoVersion implements MongoVersion {
    MONGO_5_0;

    /** Wire version of MongoDB 5.0 (the MongoDB wire protocol's {@code maxWireVersion} table). */
    static final int MONGO_5_0_WIRE_VERSION = 13;

    @Override
    public List<Integer> getVersionArray() {
        return ServerVersion.MONGO_5_0.getVersionArray();
    }

    @Override
    public int getWireVersion() {
        return MONGO_5_0_WIRE_VERSION;
    }
}
