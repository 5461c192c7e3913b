package ma.crafts.register.platform.mongo;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server on an H2 MVStore file, with documents and keys stored as {@link BsonH2Types} describes, and the
 * store committed after every write command; or on an MVStore in memory, which needs no commits and keeps a document
 * in a few hundred bytes where mongo-java-server's memory backend keeps a tree of Java objects several times larger.
 *
 * <p>Committing after every write instead of on H2's one-second timer: a write the driver saw acknowledged is then in
 * the file (in the OS's hands), so killing the JVM loses nothing acknowledged; the register's event log depends on that.
 * Concurrent writes share commits: a commit rewrites every page changed since the last one, so committing once for all
 * the writes applied so far costs about as much as committing for one. A write is counted only after it is applied, and
 * the commit that covers its count started after that, so it is in the file before its acknowledgement leaves. The
 * committing thread first lets the writes still being applied finish, for at most {@link #COALESCING_NANOS}, so that
 * one commit covers them too.
 *
 * <p>What a commit costs in the file (measured in docs/embedded-cost.md): each commit is a chunk of its own, and H2
 * records per chunk how much of it is still live, so the more chunks hold live pages, the more of that bookkeeping
 * every commit rewrites. Under the register's load H2's own background compaction seldom gets the store's lock between
 * commits, and the chunks were 7 % live: a 14-fold file, with commits growing as it grew. So the committing thread
 * rewrites the live pages of the emptiest chunks itself, a bounded amount at a time, whenever the chunks fall below
 * {@link #CHUNK_FILL_TARGET_PERCENT}; and pages are compressed (LZF), which roughly halves BSON documents.
 *
 * <p>Space freed by a commit is reused at once ({@link #RETENTION_MS}) instead of after H2's default 45 s, which kept the
 * last 45 s of commits in the file, most of the file on a short load (docs/embedded-cost.md). What those 45 s
 * protected is a reader still walking pages an older commit replaced; here every command registers the version it
 * starts on ({@link MVStore#registerVersionUsage()}, as H2's own transactions do), and H2 reuses no chunk a registered
 * version still uses. A command reads only while it runs: mongo-java-server materialises a query's results before the
 * reply, and its cursors hand out those copies. The other purpose H2 gives the retention time, letting the disk write
 * its buffers before a chunk they reference is overwritten, protects against power loss, which the embedded backend
 * does not claim to survive (event-store/GUARANTEES.md, section 8); after a {@code kill -9} the OS holds every write in
 * order, and H2 reopens the newest chunk whose references are all intact.
 *
 * <p>A data file written by mongo-java-server's own H2 backend (Java-serialised maps) is converted when opened, in one
 * MVStore commit: a crash part way leaves the old maps, and the next start converts them again.
 */
final class BsonH2Backend extends AbstractMongoBackend {
    private static final Logger log = LoggerFactory.getLogger(BsonH2Backend.class);
    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify", "create",
            "drop", "createindexes", "dropindexes", "dropdatabase", "renamecollection");
    private static final String JAVA_SERIALISED_DOCUMENTS_PREFIX = "databases.";
    private static final String JAVA_SERIALISED_INDEX_INFIX = "._index_";
    /**
     * A commit rewrites every page it changed, so smaller leaves than H2's 48 keys mean less to write per commit:
     * measured with 10k artisans (documents then still held as objects), 16 keys gave reads due at 200/s p99 23 ms
     * instead of 104 ms and a data file of 1.8 GB instead of 3.3 GB right after the load (freed chunks were then kept
     * 45 s before reuse).
     */
    private static final int KEYS_PER_PAGE = 16;
    /**
     * H2's default page cache is 16 MB; pages that fall out of it are read from the file again. 256 MB made a 100k
     * pre-fill slower, not faster (94 against 126 artisans/s at 30k).
     */
    private static final int CACHE_MB = 64;
    /** How long H2 keeps a chunk after its last live page is gone: not at all, see the class comment. */
    private static final int RETENTION_MS = 0;
    /** Below this share of live data in the file's chunks, commits rewrite the emptiest chunks' live pages. */
    private static final int CHUNK_FILL_TARGET_PERCENT = 60;
    /** Live bytes one compaction step rewrites: a few milliseconds, taken at most every {@link #COMPACTION_INTERVAL_NANOS}. */
    private static final int COMPACTION_REWRITE_BYTES = 512 << 10;
    private static final long COMPACTION_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** The longest a commit waits for writes still being applied, so that it covers them as well. */
    private static final long COALESCING_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long COALESCING_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final MVStore store;
    private final AtomicLong writesApplied = new AtomicLong();
    private final AtomicInteger writesInFlight = new AtomicInteger();
    private final Object commitLock = new Object();
    private long writesCommitted;
    private long nextCompaction = System.nanoTime();

    private BsonH2Backend(MVStore store) {
        this.store = store;
        try {
            convertJavaSerialisedMaps();
            Set<String> databases = new TreeSet<>();
            for (String name : store.getMapNames()) {
                if (name.startsWith(BsonH2Database.DOCUMENTS_PREFIX)) {
                    String namespace = name.substring(BsonH2Database.DOCUMENTS_PREFIX.length());
                    databases.add(namespace.substring(0, namespace.indexOf('.')));
                }
            }
            databases.forEach(this::resolveDatabase);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    static BsonH2Backend onFile(String fileName) {
        MVStore store = new MVStore.Builder().fileName(fileName).keysPerPage(KEYS_PER_PAGE).cacheSize(CACHE_MB)
                .compress().open();
        store.setRetentionTime(RETENTION_MS);
        return new BsonH2Backend(store);
    }

    /** The file as it is, for reading only: H2 refuses it while a register has it open. */
    static BsonH2Backend onFileReadOnly(String fileName) {
        return new BsonH2Backend(new MVStore.Builder().fileName(fileName).readOnly().keysPerPage(KEYS_PER_PAGE)
                .cacheSize(CACHE_MB).open());
    }

    static BsonH2Backend inMemory() {
        return new BsonH2Backend(new MVStore.Builder().keysPerPage(KEYS_PER_PAGE).open());
    }

    private void convertJavaSerialisedMaps() {
        List<String> names = List.copyOf(store.getMapNames());
        int converted = 0;
        for (String name : names) {
            if (name.startsWith(JAVA_SERIALISED_DOCUMENTS_PREFIX)) {
                String namespace = name.substring(JAVA_SERIALISED_DOCUMENTS_PREFIX.length());
                MVMap<Object, byte[]> documents = store.openMap(BsonH2Database.DOCUMENTS_PREFIX + namespace,
                        BsonH2Types.documentMap());
                copyAndRemove(name, documents, document -> BsonH2Types.encode((Document) document));
                converted++;
            } else if (name.contains(JAVA_SERIALISED_INDEX_INFIX)) {
                MVMap<KeyValue, Object> index = store.openMap(
                        name.replace(JAVA_SERIALISED_INDEX_INFIX, BsonH2Database.INDEX_INFIX), BsonH2Types.indexMap());
                copyAndRemove(name, index, Function.identity());
                converted++;
            }
        }
        if (converted > 0) {
            store.commit();
            log.info("Converted {} maps of {} from Java serialisation to BSON", converted, store.getFileStore().getFileName());
        }
    }

    private <K, V> void copyAndRemove(String javaSerialisedName, MVMap<K, V> target, Function<Object, V> convert) {
        MVMap<K, Object> source = store.openMap(javaSerialisedName);
        target.clear();
        source.forEach((key, value) -> target.put(key, convert.apply(value)));
        store.removeMap(source);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new BsonH2Database(databaseName, store, getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        boolean committed = store.getFileStore() != null && command != null
                && WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT));
        if (committed) {
            writesInFlight.incrementAndGet();
        }
        try {
            return readingOneVersion(() -> super.handleCommand(channel, databaseName, command, query));
        } finally {
            if (committed) {
                long write = writesApplied.incrementAndGet();
                writesInFlight.decrementAndGet();
                commitCovering(write);
            }
        }
    }

    /** Legacy queries read the maps too. */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return readingOneVersion(() -> super.handleQuery(query));
    }

    /** Keeps the pages of the version {@code reads} starts on from being overwritten until it returns. */
    private <T> T readingOneVersion(Supplier<T> reads) {
        MVStore.TxCounter versionInUse = store.registerVersionUsage();
        try {
            return reads.get();
        } finally {
            store.deregisterVersionUsage(versionInUse);
        }
    }

    private void commitCovering(long write) {
        synchronized (commitLock) {
            if (writesCommitted >= write) {
                return;
            }
            awaitWritesInFlight();
            long covered = writesApplied.get();
            store.commit();
            writesCommitted = covered;
            compactWhenDue();
        }
    }

    private void awaitWritesInFlight() {
        long deadline = System.nanoTime() + COALESCING_NANOS;
        while (writesInFlight.get() > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(COALESCING_POLL_NANOS);
        }
    }

    /** The pages it rewrites go to the file with the next commit (or H2's one-second one). */
    private void compactWhenDue() {
        long now = System.nanoTime();
        if (now - nextCompaction >= 0) {
            nextCompaction = now + COMPACTION_INTERVAL_NANOS;
            store.compact(CHUNK_FILL_TARGET_PERCENT, COMPACTION_REWRITE_BYTES);
        }
    }

    @Override
    public void close() {
        super.close();
        store.close();
    }
}
