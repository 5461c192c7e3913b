package ma.crafts.register.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/**
 * Group commit: up to {@code maxConcurrentWrites} appending threads at a time are writers. Each takes what is queued
 * (up to {@code maxGroupCommitEvents}, its own commit and others'), gives each commit positions from the engine's
 * block (see {@link PositionBlock}) and inserts them all with one {@code insertMany}. Appends that arrive while every
 * slot is busy queue up and go out together in the next write: on mongo-java-server an insert command costs several
 * times what one more document in it costs (bench/README.md, "Figures behind the code"), so batching is what makes
 * appends cheap. A thread whose commit a writer took waits for the result.
 */
final class GroupCommitWriter {
    private static final DocumentCodec DOCUMENTS = new DocumentCodec();

    /** The commits collection, for inserting commits encoded by the engine. */
    private final MongoCollection<RawBsonDocument> rawCommits;
    private final PositionBlock block;
    private final Voids voids;
    private final Clock clock;
    private final int maxGroupCommitEvents;
    private final int maxConcurrentWrites;
    private final ConcurrentLinkedQueue<PendingCommit> pending = new ConcurrentLinkedQueue<>();
    /** Monitor of {@link #writers}: how many appending threads are writing a group commit right now. */
    private final Object writerRole = new Object();
    private int writers;
    /** Where a writer may stall or die between reserving positions and writing them; contract tests hook in here. */
    private volatile Runnable betweenReservationAndWrite = () -> {
    };
    /** Where an appender has queued its commit but not yet asked for a writer slot; contract tests hook in here. */
    private volatile Runnable afterQueueing = () -> {
    };

    GroupCommitWriter(MongoCollection<Document> commits, PositionBlock block, Voids voids, Clock clock,
                      int maxGroupCommitEvents, int maxConcurrentWrites) {
        this.rawCommits = commits.withDocumentClass(RawBsonDocument.class);
        this.block = block;
        this.voids = voids;
        this.clock = clock;
        this.maxGroupCommitEvents = maxGroupCommitEvents;
        this.maxConcurrentWrites = maxConcurrentWrites;
    }

    /** @return the position of the commit's last event, once it is stored */
    long append(PendingCommit commit) {
        pending.add(commit);
        afterQueueing.run();
        // A writer's batch stops at maxGroupCommitEvents, so it may not reach this thread's own commit: then take the
        // role again until some writer (this thread or another) has claimed it, or nobody would ever write it.
        for (List<PendingCommit> batch = takeWriterRoleUnlessClaimed(commit); !batch.isEmpty();
             batch = takeWriterRoleUnlessClaimed(commit)) {
            writeAsTheWriter(batch);
        }
        return awaitResult(commit);
    }

    void stallBetweenReservationAndWrite(Runnable stall) {
        this.betweenReservationAndWrite = stall;
    }

    void stallAfterQueueing(Runnable stall) {
        this.afterQueueing = stall;
    }

    /**
     * Waits through interrupts: the commit is queued and a writer will write it, so reporting a failure now could deny
     * a commit that lands anyway. Writes are bounded by the driver's timeouts.
     */
    private static long awaitResult(PendingCommit commit) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return commit.result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new EventStoreException("Appending events failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the batch to write if this thread became a writer, else nothing */
    private List<PendingCommit> takeWriterRoleUnlessClaimed(PendingCommit own) {
        boolean interrupted = false;
        try {
            synchronized (writerRole) {
                while (writers >= maxConcurrentWrites && !own.claimed) {
                    try {
                        writerRole.wait();
                    } catch (InterruptedException e) {
                        // Keep waiting: the commit is queued and will be written; giving up now would report a failure
                        // for a commit that still lands.
                        interrupted = true;
                    }
                }
                if (own.claimed) {
                    return List.of();
                }
                writers++;
                return claimQueued();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeAsTheWriter(List<PendingCommit> claimed) {
        try {
            List<PendingCommit> batch = claimed;
            for (int attempt = 1; !batch.isEmpty(); attempt++) {
                if (attempt > 5) {
                    batch.forEach(commit -> commit.result.completeExceptionally(new EventStoreException(
                            "Could not write commit: its reserved positions kept being closed by readers")));
                    return;
                }
                List<Document> closedRemainders = new ArrayList<>();
                try {
                    block.assign(batch, closedRemainders);
                } catch (RuntimeException e) {
                    batch.forEach(commit -> commit.result.completeExceptionally(
                            new EventStoreException("Could not reserve positions", e)));
                    return;
                }
                batch = writeBatch(batch, closedRemainders);
            }
        } catch (RuntimeException | Error e) {
            // No claimed commit may be left without an outcome, or its thread would wait for it forever.
            claimed.forEach(commit -> commit.result.completeExceptionally(new EventStoreException("Appending events failed", e)));
            throw e;
        } finally {
            synchronized (writerRole) {
                writers--;
                writerRole.notifyAll();
            }
        }
    }

    private List<PendingCommit> claimQueued() {
        List<PendingCommit> batch = new ArrayList<>();
        int events = 0;
        PendingCommit next;
        while ((events < maxGroupCommitEvents || batch.isEmpty()) && (next = pending.poll()) != null) {
            next.claimed = true;
            batch.add(next);
            events += next.events.size();
        }
        return batch;
    }

    /**
     * @param closedRemainders void documents for block remainders given up while assigning positions; they go out in the
     *                         same write, after the commits
     * @return the commits that must be retried with fresh positions
     */
    private List<PendingCommit> writeBatch(List<PendingCommit> batch, List<Document> closedRemainders) {
        betweenReservationAndWrite.run();
        long committedAt = clock.millis();
        List<RawBsonDocument> documents = new ArrayList<>(batch.size() + closedRemainders.size());
        for (PendingCommit commit : batch) {
            documents.add(CommitDocuments.encodeCommit(commit, committedAt));
        }
        // After the commits, so failures index the batch; a remainder's void that collides with a reader's is harmless.
        closedRemainders.forEach(closing -> documents.add(new RawBsonDocument(closing, DOCUMENTS)));
        Map<Integer, BulkWriteError> failures = new HashMap<>();
        MongoBulkWriteException unconfirmed = null;
        try {
            rawCommits.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            e.getWriteErrors().forEach(error -> failures.put(error.getIndex(), error));
            // A write concern error (the primary stepped down, or no majority answered in time) leaves the inserts that
            // did not fail on the primary alone: a failover may still roll them back, so they are not acknowledged.
            unconfirmed = e.getWriteConcernError() == null ? null : e;
        } catch (RuntimeException e) {
            // The outcome is unknown: some commits may be stored. Readers resolve the positions either way.
            batch.forEach(commit -> commit.result.completeExceptionally(new EventStoreException("Appending events failed", e)));
            return List.of();
        }
        List<PendingCommit> retry = new ArrayList<>();
        List<Document> conflicting = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            PendingCommit commit = batch.get(i);
            BulkWriteError error = failures.get(i);
            if (error == null && unconfirmed == null) {
                commit.result.complete(commit.lastPosition());
            } else if (error == null) {
                commit.result.completeExceptionally(new EventStoreException(
                        "Appending events failed: no majority confirmed the write, which may or may not survive", unconfirmed));
            } else if (isDuplicateKey(error) && error.getMessage().contains(CommitDocuments.STREAM_KEYS)) {
                conflicting.add(voids.of(commit.firstPosition, commit.lastPosition(), "conflict"));
                commit.result.completeExceptionally(commit.conflict(error.getMessage()));
            } else if (isDuplicateKey(error)) {
                // A reader gave up waiting for these positions and closed them; they are lost to us, not the commit.
                commit.firstPosition = -1;
                retry.add(commit);
            } else {
                commit.result.completeExceptionally(new EventStoreException("Appending events failed: " + error.getMessage()));
            }
        }
        voids.insertQuietly(conflicting);
        return retry;
    }

    private static boolean isDuplicateKey(BulkWriteError error) {
        return ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
