package ma.crafts.register.command.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;

/** How the features' Mongo code tells a lost insert race (a unique key already taken) from a real failure. */
public final class MongoErrors {
    private MongoErrors() {
    }

    /** True when {@code e} reports a duplicate key, whether a write or a command (findOneAndUpdate) failed. */
    public static boolean isDuplicateKey(RuntimeException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (e instanceof MongoCommandException command) {
            return ErrorCategory.fromErrorCode(command.getErrorCode()) == ErrorCategory.DUPLICATE_KEY;
        }
        return false;
    }
}
