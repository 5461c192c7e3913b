package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an append reports when the primary took the write but no majority confirmed it, and where the question "may it
 * have been stored?" reads (GUARANTEES.md, "Which guarantee depends on which setting"). A single server cannot step
 * down, so the commits collection answers the group commit's insert as a primary would in that case: the documents are
 * inserted, then the write concern error comes back. Nor does it keep a majority snapshot apart from its latest data,
 * so the tests assert the read settings each read of the commits collection was sent with.
 */
class WriteConcernContractTest {
    /** What a primary answers when it steps down while waiting for its secondaries (InterruptedDueToReplStateChange). */
    private static final WriteConcernError STEPPED_DOWN = new WriteConcernError(11602, "InterruptedDueToReplStateChange",
            "operation was interrupted because the primary stepped down", new BsonDocument());

    private final StoreFixture fixture = new StoreFixture();
    private final AtomicBoolean nextInsertUnconfirmed = new AtomicBoolean();
    private final List<CommitsRead> commitsReads = new CopyOnWriteArrayList<>();

    private record CommitsRead(ReadPreference preference, ReadConcern concern) {
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aCommitNoMajorityConfirmed_isNotAcknowledged_thoughThePrimaryHoldsIt() {
        MongoEventStorageEngine engine = fixture.builder(Duration.ofMinutes(5))
                .database(unconfirmingCommits(fixture.newProcessDatabase()))
                .build();

        nextInsertUnconfirmed.set(true);
        assertThatThrownBy(() -> engine.appendEvents(TestEvents.commit("unconfirmed", 0, 2)))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("no majority confirmed the write")
                .hasCauseInstanceOf(MongoBulkWriteException.class);
        // The outcome is unknown, not failed: here the primary kept it, after a failover it may be gone.
        assertThat(engine.lastSequenceNumberFor("unconfirmed")).contains(1L);

        engine.appendEvents(TestEvents.commit("confirmed", 0, 1));
        assertThat(engine.lastSequenceNumberFor("confirmed")).contains(0L);
    }

    @Test
    void whetherAStreamMayExist_isReadFromThePrimarysLatestData_whileLoadingReadsWhatAMajorityConfirmed() {
        MongoEventStorageEngine engine = fixture.builder(Duration.ofMinutes(5))
                .database(unconfirmingCommits(fixture.newProcessDatabase().withReadConcern(ReadConcern.MAJORITY)))
                .build();
        engine.appendEvents(TestEvents.commit("held", 0, 2));

        commitsReads.clear();
        assertThat(engine.lastSequenceNumberFor("held")).contains(1L);
        // A majority read would miss a commit whose append came back unconfirmed, and its CIN would be released.
        assertThat(commitsReads).isNotEmpty()
                .containsOnly(new CommitsRead(ReadPreference.primary(), ReadConcern.LOCAL));

        commitsReads.clear();
        assertThat(engine.readEvents("held").asStream()).hasSize(2);
        // An aggregate is built only from commits no failover can take back.
        assertThat(commitsReads).isNotEmpty()
                .containsOnly(new CommitsRead(ReadPreference.primary(), ReadConcern.MAJORITY));
    }

    private MongoDatabase unconfirmingCommits(MongoDatabase database) {
        return proxy(MongoDatabase.class, database, (method, args, result) ->
                method.equals("getCollection") && "commits".equals(args[0])
                        ? unconfirmingInserts((MongoCollection<?>) result) : result);
    }

    /** Also records the read settings of every find, including those of the views derived with {@code with...}. */
    private MongoCollection<?> unconfirmingInserts(MongoCollection<?> commits) {
        return proxy(MongoCollection.class, commits, (method, args, result) -> {
            if (result instanceof MongoCollection<?> derived) {
                return unconfirmingInserts(derived);
            }
            if (method.equals("find")) {
                commitsReads.add(new CommitsRead(commits.getReadPreference(), commits.getReadConcern()));
            }
            if (method.equals("insertMany") && nextInsertUnconfirmed.getAndSet(false)) {
                throw new MongoBulkWriteException(BulkWriteResult.acknowledged(((List<?>) args[0]).size(), 0, 0, 0,
                        List.of(), List.of()), List.of(), STEPPED_DOWN, new ServerAddress(), Set.of());
            }
            return result;
        });
    }

    /** Sees each call's arguments and result after the real object has run it, and may replace the result or throw. */
    private interface AfterCall {
        Object after(String method, Object[] args, Object result);
    }

    private static <T> T proxy(Class<T> type, Object target, AfterCall afterCall) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return afterCall.after(method.getName(), args, result);
        }));
    }
}
