package ma.crafts.register.platform.mongo;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The H2 backend, committing its MVStore after every write command instead of on H2's one-second timer. A write the
 * driver saw acknowledged is then in the file (in the OS's hands), so killing the JVM loses nothing acknowledged; the
 * register's event log depends on that.
 *
 * <p>Concurrent writes share commits: a commit rewrites every page changed since the last one, with H2 serialising each
 * key and value, so committing once for all the writes applied so far costs about as much as committing for one. A
 * write is counted only after it is applied, and the commit that covers its count started after that, so it is in the
 * file before its acknowledgement leaves.
 */
final class CommittingH2Backend extends H2Backend {
    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify", "create",
            "drop", "createindexes", "dropindexes", "dropdatabase", "renamecollection");

    private final AtomicLong writesApplied = new AtomicLong();
    private final Object commitLock = new Object();
    private long writesCommitted;

    CommittingH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            if (command != null && WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
                commitCovering(writesApplied.incrementAndGet());
            }
        }
    }

    private void commitCovering(long write) {
        synchronized (commitLock) {
            if (writesCommitted >= write) {
                return;
            }
            long covered = writesApplied.get();
            commit();
            writesCommitted = covered;
        }
    }
}
