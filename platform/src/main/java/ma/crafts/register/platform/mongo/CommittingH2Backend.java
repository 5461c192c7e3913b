package ma.crafts.register.platform.mongo;

import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The H2 backend, committing its MVStore after every write command instead of on H2's one-second timer. A write the
 * driver saw acknowledged is then in the file (in the OS's hands), so killing the JVM loses nothing acknowledged; the
 * register's event log depends on that.
 */
final class CommittingH2Backend extends H2Backend {
    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify", "create",
            "drop", "createindexes", "dropindexes", "dropdatabase", "renamecollection");

    CommittingH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            if (command != null && WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
                commit();
            }
        }
    }
}
