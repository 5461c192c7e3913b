package ma.crafts.register.eventstore.deadline;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Persistence, single firing across nodes, cancellation, retries and the due-time index of the deadline store. */
class MongoDeadlineManagerTest {
    private static final Duration FAST_POLL = Duration.ofMillis(20);

    /** A deadline payload, with Arabic and French text to check it survives the BSON round trip. */
    record Reminder(String enterpriseId, String note) {
    }

    private final TestDatabases databases = new TestDatabases();
    private final JacksonSerializer serializer = TestDatabases.serializer();
    private final List<MongoDeadlineManager> managers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        managers.forEach(MongoDeadlineManager::shutdown);
        databases.close();
    }

    @Test
    void aDeadlineIsStoredAsDocuments_survivesARestart_andFiresOnTheNextInstance() {
        MongoDatabase database = databases.newProcess();
        Recorder firstRecorder = new Recorder();
        MongoDeadlineManager first = manager(database, firstRecorder, b -> { });
        Reminder reminder = new Reminder("e-1", "تذكير بالمطابقة / rappel de conformité");
        AggregateScopeDescriptor scope = new AggregateScopeDescriptor("Enterprise", "e-1");
        Instant due = Instant.now().plusMillis(300);
        String scheduleId = first.schedule(due, "complianceReview",
                new GenericMessage<>(reminder, Map.of("traceId", "t-42")), scope);
        first.shutdown();

        Document stored = database.getCollection(DeadlineDocuments.DEADLINES).find(eq("_id", scheduleId)).first();
        assertThat(stored).isNotNull();
        assertThat(stored.get("dueAt")).isEqualTo(java.util.Date.from(due));
        assertThat(stored.get("payload", Document.class).getString("note")).isEqualTo(reminder.note());
        assertThat(stored.get("scope", Document.class).getString("type")).isEqualTo("Enterprise");

        Recorder secondRecorder = new Recorder();
        MongoDeadlineManager second = manager(databases.newProcess(), secondRecorder, b -> { });
        second.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> secondRecorder.count(scheduleId) == 1);

        DeadlineMessage<?> fired = secondRecorder.messages.get(0);
        assertThat(fired.getDeadlineName()).isEqualTo("complianceReview");
        assertThat(fired.getPayload()).isEqualTo(reminder);
        assertThat(fired.getMetaData()).containsEntry("traceId", "t-42");
        assertThat(secondRecorder.scopes).containsExactly(scope);
        assertThat(Instant.now()).isAfterOrEqualTo(due);
        assertThat(firstRecorder.messages).isEmpty();
        await().atMost(Duration.ofSeconds(15)).until(() -> nothingLeftIn(database));
    }

    @Test
    void twoNodesOnOneDatabase_fireEveryDeadlineExactlyOnce() throws Exception {
        Recorder recorder = new Recorder();
        MongoDeadlineManager nodeA = manager(databases.newProcess(), recorder, b -> b.owner("node-a"));
        MongoDeadlineManager nodeB = manager(databases.newProcess(), recorder, b -> b.owner("node-b"));
        nodeA.start();
        nodeB.start();
        int perNode = 15;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<String>>> scheduled = new ArrayList<>();
        for (MongoDeadlineManager node : List.of(nodeA, nodeB)) {
            scheduled.add(pool.submit(() -> {
                go.await();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < perNode; i++) {
                    // Half due at once (racing the pollers' floor updates), half a little later.
                    Instant due = Instant.now().plusMillis(i % 2 == 0 ? 0 : 150);
                    ids.add(node.schedule(due, "review", new Reminder("e-" + i, "n"),
                            new AggregateScopeDescriptor("Enterprise", "e-" + i)));
                }
                return ids;
            }));
        }
        go.countDown();
        List<String> all = new ArrayList<>();
        for (Future<List<String>> ids : scheduled) {
            all.addAll(ids.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(20)).until(() -> all.stream().allMatch(id -> recorder.count(id) >= 1));
        // Give a duplicate every chance to show up before checking.
        Thread.sleep(300);
        assertThat(all).hasSize(2 * perNode).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(id -> assertThat(recorder.count(id)).as(id).isEqualTo(1));
        assertThat(recorder.messages).hasSize(2 * perNode);
    }

    @Test
    void cancelledDeadlinesNeverFire() {
        MongoDatabase database = databases.newProcess();
        Recorder recorder = new Recorder();
        MongoDeadlineManager node = manager(database, recorder, b -> { });
        Instant due = Instant.now().plusMillis(400);
        AggregateScopeDescriptor e1 = new AggregateScopeDescriptor("Enterprise", "e-1");
        AggregateScopeDescriptor e2 = new AggregateScopeDescriptor("Enterprise", "e-2");
        String one = node.schedule(due, "review", null, e1);
        String sameScopeOtherName = node.schedule(due, "renewal", null, e1);
        String scopeOne = node.schedule(due, "review", null, e1);
        String otherScope = node.schedule(due, "review", null, e2);
        String named = node.schedule(due, "reminder", null, e2);
        String alsoNamed = node.schedule(due, "reminder", null, e1);

        node.cancelSchedule("review", one);
        node.cancelSchedule("other-name", otherScope);
        node.cancelAllWithinScope("review", new AggregateScopeDescriptor("Enterprise", "e-1"));
        node.cancelAll("reminder");
        node.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> recorder.count(otherScope) == 1
                && recorder.count(sameScopeOtherName) == 1);
        assertThat(recorder.count(one) + recorder.count(scopeOne) + recorder.count(named) + recorder.count(alsoNamed))
                .isZero();
        assertThat(recorder.messages).hasSize(2);
        await().atMost(Duration.ofSeconds(15)).until(() -> nothingLeftIn(database));
    }

    @Test
    void failedDeliveriesAreRetriedWithBackoff_andParkedAfterTheLastAttempt() {
        MongoDatabase database = databases.newProcess();
        Recorder recorder = new Recorder();
        MongoDeadlineManager node = manager(database, recorder, b -> b.maxAttempts(3));
        AggregateScopeDescriptor scope = new AggregateScopeDescriptor("Enterprise", "e-1");
        String flaky = node.schedule(Instant.now(), "flaky", null, scope);
        String broken = node.schedule(Instant.now(), "broken", null, scope);
        recorder.failWhen = (message, attempt) -> message.getDeadlineName().equals("broken")
                || (message.getDeadlineName().equals("flaky") && attempt <= 2);
        node.start();

        MongoCollection<Document> stored = database.getCollection(DeadlineDocuments.DEADLINES);
        // The delivery is counted before the manager records its outcome: wait for the outcome.
        await().atMost(Duration.ofSeconds(15)).until(() -> stored.find(eq("_id", flaky)).first() == null
                && stored.find(eq("_id", broken)).first().getString("status") != null);
        assertThat(recorder.count(flaky)).isEqualTo(3);
        Document parked = stored.find(eq("_id", broken)).first();
        assertThat(parked).isNotNull();
        assertThat(parked.getString("status")).isEqualTo(DeadlineDocuments.FAILED);
        assertThat(parked.getInteger("attempts")).isEqualTo(3);
        assertThat(parked.getString("lastError")).contains("refused on purpose");
        await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertThat(recorder.count(broken)).isEqualTo(3);
        assertThat(recorder.count(flaky)).isEqualTo(3);
    }

    @Test
    void aDeadlineNoComponentHereResolves_isKeptAndRetried_notCountedAsDelivered() {
        MongoDatabase database = databases.newProcess();
        Recorder recorder = new Recorder();
        MongoDeadlineManager node = manager(database, recorder, b -> b.maxAttempts(3));
        String unresolved = node.schedule(Instant.now(), "review", null, new AggregateScopeDescriptor("Cooperative", "c-1"));
        node.start();

        MongoCollection<Document> stored = database.getCollection(DeadlineDocuments.DEADLINES);
        await().atMost(Duration.ofSeconds(15)).until(() -> stored.find(eq("_id", unresolved)).first() == null
                || stored.find(eq("_id", unresolved)).first().getString("status") != null);
        Document parked = stored.find(eq("_id", unresolved)).first();
        assertThat(parked).as("a deadline nothing received is still stored").isNotNull();
        assertThat(parked.getString("status")).isEqualTo(DeadlineDocuments.FAILED);
        assertThat(parked.getInteger("attempts")).isEqualTo(3);
        assertThat(parked.getString("lastError")).contains("No aggregate or saga in this process resolves");
        assertThat(recorder.messages).isEmpty();
    }

    @Test
    void aNodeThatHoldsNoDeadlineHandler_takesNothing_andLeavesEveryDeadlineToOneThatDoes() {
        MongoDatabase database = databases.newProcess();
        Recorder nothingHere = new Recorder();
        MongoDeadlineManager querySide = manager(database, nothingHere, b -> b.holdsDeadlineHandlers(() -> false));
        String due = querySide.schedule(Instant.now(), "review", null, new AggregateScopeDescriptor("Enterprise", "e-1"));
        querySide.start();
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        Document untouched = database.getCollection(DeadlineDocuments.DEADLINES).find(eq("_id", due)).first();
        assertThat(untouched).isNotNull();
        assertThat(untouched.getInteger("attempts")).isZero();
        assertThat(nothingHere.messages).isEmpty();

        Recorder aggregates = new Recorder();
        manager(database, aggregates, b -> { }).start();
        await().atMost(Duration.ofSeconds(15)).until(() -> aggregates.count(due) == 1);
    }

    @Test
    void aCancelInAUnitOfWorkWhoseEventsAreNotStored_leavesTheDeadline_andWritesKeepTheirOrder() {
        MongoDatabase database = databases.newProcess();
        Recorder recorder = new Recorder();
        MongoDeadlineManager node = manager(database, recorder, b -> { });
        AggregateScopeDescriptor e1 = new AggregateScopeDescriptor("Enterprise", "e-1");
        AggregateScopeDescriptor e2 = new AggregateScopeDescriptor("Enterprise", "e-2");
        Instant due = Instant.now().plusMillis(300);
        String kept = node.schedule(due, "review", null, e1);
        String cancelled = node.schedule(due, "review", null, e2);

        // A handler that cancels before it applies its event; the append, queued when the event is applied, then fails.
        DefaultUnitOfWork<Message<?>> conflicting = DefaultUnitOfWork.startAndGet(new GenericMessage<>("command"));
        assertThatThrownBy(() -> conflicting.execute(() -> {
            node.cancelAllWithinScope("review", e1);
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> {
                throw new IllegalStateException("append conflict: the aggregate moved on");
            });
        })).hasMessageContaining("append conflict");
        // A handler that replaces a scope's deadline: the cancel must not reach the one scheduled after it.
        List<String> replacement = new ArrayList<>();
        DefaultUnitOfWork<Message<?>> stored = DefaultUnitOfWork.startAndGet(new GenericMessage<>("command"));
        stored.execute(() -> {
            node.cancelAllWithinScope("review", e2);
            replacement.add(node.schedule(due, "review", null, e2));
        });
        node.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> recorder.count(kept) == 1
                && recorder.count(replacement.get(0)) == 1);
        assertThat(recorder.count(cancelled)).isZero();
    }

    @Test
    void aDeadlineLostFromEveryBucket_isFoundByTheSweep() {
        MongoDatabase database = databases.newProcess();
        Recorder recorder = new Recorder();
        MongoDeadlineManager node = manager(database, recorder, b -> b.sweepInterval(Duration.ofMillis(200)));
        String lost = node.schedule(Instant.now(), "review", null, new AggregateScopeDescriptor("Enterprise", "e-1"));
        // What a node that died between writing the deadline and filing it leaves behind.
        database.getCollection(DeadlineDocuments.PAGES).updateMany(new Document(), Updates.set("ids", List.of()));
        node.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> recorder.count(lost) == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> nothingLeftIn(database));
        assertThat(recorder.count(lost)).isEqualTo(1);
    }

    @Test
    void aNodeThatHangsPastItsLease_losesTheDeadlineToAnotherNode() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Recorder hanging = new Recorder();
        hanging.onSend = release::await;
        Recorder healthy = new Recorder();
        MongoDeadlineManager stuckNode = manager(databases.newProcess(), hanging,
                b -> b.owner("stuck").lease(Duration.ofMillis(300)));
        MongoDeadlineManager goodNode = manager(databases.newProcess(), healthy,
                b -> b.owner("good").lease(Duration.ofMillis(300)));
        String id = stuckNode.schedule(Instant.now(), "review", null, new AggregateScopeDescriptor("Enterprise", "e-1"));
        stuckNode.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> hanging.count(id) == 1);
        goodNode.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> healthy.count(id) == 1);
        release.countDown();
        MongoDatabase database = databases.newProcess();
        await().atMost(Duration.ofSeconds(15)).until(() ->
                database.getCollection(DeadlineDocuments.DEADLINES).countDocuments() == 0);
    }

    @Test
    void aDeadlineDueInAMinuteThePollerAlreadyPassed_stillFires() {
        MongoDatabase database = databases.newProcess();
        Recorder recorder = new Recorder();
        MongoDeadlineManager node = manager(database, recorder, b -> { });
        node.start();
        String now = node.schedule(Instant.now(), "review", null, new AggregateScopeDescriptor("Enterprise", "e-1"));
        await().atMost(Duration.ofSeconds(15)).until(() -> recorder.count(now) == 1);
        long currentMinute = DeadlineBuckets.minuteOf(Instant.now());
        DeadlineBuckets buckets = new DeadlineBuckets(database.getCollection(DeadlineDocuments.BUCKETS),
                database.getCollection(DeadlineDocuments.PAGES), database.getCollection(DeadlineDocuments.FLOOR));
        await().atMost(Duration.ofSeconds(15)).until(() -> buckets.floor().minute() > currentMinute);

        String late = node.schedule(Instant.now().minus(Duration.ofMinutes(3)), "review", null,
                new AggregateScopeDescriptor("Enterprise", "e-2"));
        await().atMost(Duration.ofSeconds(15)).until(() -> recorder.count(late) == 1);
    }

    @Test
    void aPollerThatFallsBehind_showsHowLongTheOldestDueDeadlineHasWaited() throws Exception {
        MongoDatabase database = databases.newProcess();
        Recorder recorder = new Recorder();
        CountDownLatch delivering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        recorder.onSend = () -> {
            delivering.countDown();
            release.await(30, TimeUnit.SECONDS);
        };
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        MongoDeadlineManager node = manager(database, recorder, b -> b.clock(clock));
        assertThat(node.backlogAge()).as("before the first poll").isZero();
        node.start();
        node.schedule(now.get(), "review", null, new AggregateScopeDescriptor("Enterprise", "e-1"));
        assertThat(delivering.await(15, TimeUnit.SECONDS)).isTrue();

        now.set(now.get().plus(Duration.ofMinutes(10)));
        assertThat(node.backlogAge()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));

        release.countDown();
        await().atMost(Duration.ofSeconds(15)).until(() -> node.backlogAge().isZero());
    }

    @Test
    void aMinuteWithMoreDeadlinesThanAPage_keepsEveryPageBounded_andFiresEachOnce() {
        // All the cards issued on one day expire in the same minute: its index must not become one ever-growing
        // document.
        MongoDatabase database = databases.newProcess();
        Recorder recorder = new Recorder();
        MongoDeadlineManager node = manager(database, recorder, b -> b.batchSize(100));
        Instant due = Instant.now().plusSeconds(1);
        List<String> ids = new ArrayList<>();
        int count = 2 * DeadlineBuckets.PAGE_SIZE + 100;
        for (int i = 0; i < count; i++) {
            ids.add(node.schedule(due, "review", null, new AggregateScopeDescriptor("Enterprise", "e-" + i)));
        }
        List<Document> pages = database.getCollection(DeadlineDocuments.PAGES).find().into(new ArrayList<>());
        assertThat(pages).hasSize(3);
        assertThat(pages).allSatisfy(page ->
                assertThat(page.getList("ids", String.class)).hasSizeLessThanOrEqualTo(DeadlineBuckets.PAGE_SIZE));

        node.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.messages.size() >= count);
        assertThat(ids).allSatisfy(id -> assertThat(recorder.count(id)).as(id).isEqualTo(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> nothingLeftIn(database));
    }

    @Test
    void concurrentFilingsInOneMinute_takeDistinctEntries() throws Exception {
        // A counter that handed two filings the same entry number would overfill a page.
        MongoDatabase database = databases.newProcess();
        int pageSize = 10;
        int threads = 8;
        int perThread = 50;
        long minute = DeadlineBuckets.minuteOf(Instant.now().plus(Duration.ofDays(1)));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> filings = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            MongoDatabase process = databases.newProcess();
            DeadlineBuckets buckets = new DeadlineBuckets(process.getCollection(DeadlineDocuments.BUCKETS),
                    process.getCollection(DeadlineDocuments.PAGES), process.getCollection(DeadlineDocuments.FLOOR),
                    pageSize);
            filings.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                    buckets.add(buckets.reserve(minute), "d-" + thread + "-" + i);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> filing : filings) {
            filing.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<Document> pages = database.getCollection(DeadlineDocuments.PAGES).find().into(new ArrayList<>());
        assertThat(pages).allSatisfy(page -> assertThat(page.getList("ids", String.class)).hasSize(pageSize));
        assertThat(pages.stream().mapToInt(page -> page.getList("ids", String.class).size()).sum())
                .isEqualTo(threads * perThread);
    }

    @Test
    void schedulingPollingFiringAndCancellingFilterOn_idAlone() {
        List<BsonDocument> filters = new CopyOnWriteArrayList<>();
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                // The event's document lives in a network buffer that is reused once this returns.
                BsonDocument command = event.getCommand().clone();
                String name = event.getCommandName();
                String collection = command.containsKey(name) && command.get(name).isString()
                        ? command.getString(name).getValue() : "";
                // The floor is a one-document collection; a compare-and-set there scans one document.
                if (!collection.startsWith("deadline") || collection.equals(DeadlineDocuments.FLOOR)) {
                    return;
                }
                switch (name) {
                    case "find" -> filters.add(command.getDocument("filter", new BsonDocument()));
                    case "findAndModify" -> filters.add(command.getDocument("query", new BsonDocument()));
                    case "update" -> command.getArray("updates").forEach(u -> filters.add(u.asDocument().getDocument("q")));
                    case "delete" -> command.getArray("deletes").forEach(d -> filters.add(d.asDocument().getDocument("q")));
                    default -> {
                    }
                }
            }
        };
        Recorder recorder = new Recorder();
        MongoDeadlineManager node = manager(databases.newProcess(listener), recorder, b -> { });
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(node.schedule(Instant.now().plusMillis(i * 50L), "review", null,
                    new AggregateScopeDescriptor("Enterprise", "e-" + i)));
        }
        node.schedule(Instant.now().plus(Duration.ofDays(30)), "review", null,
                new AggregateScopeDescriptor("Enterprise", "far"));
        String cancelled = node.schedule(Instant.now().plusSeconds(60), "review", null,
                new AggregateScopeDescriptor("Enterprise", "e-0"));
        node.cancelSchedule("review", cancelled);
        node.cancelAllWithinScope("review", new AggregateScopeDescriptor("Enterprise", "e-1"));
        recorder.failWhen = (message, attempt) -> attempt == 1;
        node.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> ids.stream().skip(2).allMatch(id -> recorder.count(id) == 2));

        // mongo-java-server uses an index only when the filter has no field but the indexed one.
        assertThat(filters).hasSizeGreaterThan(20);
        assertThat(filters).allSatisfy(filter -> assertThat(filter.keySet()).as(filter.toJson()).containsExactly("_id"));
    }

    /** No deadline document, and no deadline left in a bucket or scope entry. */
    private static boolean nothingLeftIn(MongoDatabase database) {
        return database.getCollection(DeadlineDocuments.DEADLINES).countDocuments() == 0
                && Stream.of(DeadlineDocuments.PAGES, DeadlineDocuments.SCOPES)
                .flatMap(name -> database.getCollection(name).find().into(new ArrayList<>()).stream())
                .allMatch(entry -> entry.getList("ids", String.class, List.of()).isEmpty());
    }

    private MongoDeadlineManager manager(MongoDatabase database, Recorder recorder,
                                         Consumer<MongoDeadlineManager.Builder> tweak) {
        MongoDeadlineManager.Builder builder = MongoDeadlineManager.builder()
                .database(database)
                .serializer(serializer)
                .scopeAwareProvider(recorder)
                .pollInterval(FAST_POLL)
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(80));
        tweak.accept(builder);
        MongoDeadlineManager manager = builder.build();
        managers.add(manager);
        return manager;
    }

    /** Plays the aggregate (or saga) the deadlines are for, and records what reaches it. */
    static final class Recorder implements ScopeAwareProvider, ScopeAware {
        interface Step {
            void run() throws Exception;
        }

        interface FailurePolicy {
            boolean fail(DeadlineMessage<?> message, int attempt);
        }

        final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        final List<DeadlineMessage<?>> messages = new CopyOnWriteArrayList<>();
        final List<ScopeDescriptor> scopes = new CopyOnWriteArrayList<>();
        volatile FailurePolicy failWhen = (message, attempt) -> false;
        volatile Step onSend = () -> { };

        int count(String scheduleId) {
            AtomicInteger count = deliveries.get(scheduleId);
            return count == null ? 0 : count.get();
        }

        @Override
        public Stream<ScopeAware> provideScopeAwareStream(ScopeDescriptor scopeDescriptor) {
            return Stream.of(this);
        }

        @Override
        public boolean canResolve(ScopeDescriptor scopeDescription) {
            return scopeDescription instanceof AggregateScopeDescriptor aggregate
                    && "Enterprise".equals(aggregate.getType());
        }

        @Override
        public void send(Message<?> message, ScopeDescriptor scopeDescription) throws Exception {
            DeadlineMessage<?> deadline = (DeadlineMessage<?>) message;
            int attempt = deliveries.computeIfAbsent(deadline.getIdentifier(), id -> new AtomicInteger()).incrementAndGet();
            messages.add(deadline);
            scopes.add(scopeDescription);
            onSend.run();
            if (failWhen.fail(deadline, attempt)) {
                throw new IllegalStateException("refused on purpose (attempt " + attempt + ")");
            }
        }
    }
}
