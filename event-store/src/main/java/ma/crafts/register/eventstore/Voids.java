package ma.crafts.register.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Void documents: they close reserved positions that will never hold a commit (a block remainder given up, a conflicting
 * commit's positions, a gap abandoned past the timeout), so that readers deliver around them instead of waiting.
 */
final class Voids {
    private final MongoCollection<Document> commits;
    private final Clock clock;

    Voids(MongoCollection<Document> commits, Clock clock) {
        this.commits = commits;
        this.clock = clock;
    }

    Document of(long first, long last, String reason) {
        return new Document(CommitDocuments.ID, first).append(CommitDocuments.LAST, last)
                .append(CommitDocuments.VOID, reason).append(CommitDocuments.COMMITTED_AT, Date.from(clock.instant()));
    }

    void insertQuietly(List<Document> voids) {
        if (voids.isEmpty()) {
            return;
        }
        try {
            commits.insertMany(voids, new InsertManyOptions().ordered(false));
        } catch (RuntimeException ignored) {
            // A reader may have closed them first, or the write failed: readers close them after the gap timeout anyway.
        }
    }
}
