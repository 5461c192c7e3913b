package ma.crafts.register.platform.mongo;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import ma.crafts.register.platform.DataDirectory;
import ma.crafts.register.platform.PlatformProperties.EmbeddedBackend;
import ma.crafts.register.platform.PlatformStartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server running inside the service, reachable only from this host, so that a single process can run the
 * whole register without an external database. Applications still talk to it through the real driver over TCP, which
 * keeps the embedded and external set-ups on the same code path.
 */
public final class EmbeddedMongoServer implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final String DATA_FILE_NAME = "register.mv";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final MongoServer server;
    private final EmbeddedBackend backend;
    private final Path dataFile;
    private final int port;
    private volatile boolean closed;

    private EmbeddedMongoServer(MongoServer server, EmbeddedBackend backend, Path dataFile, int port) {
        this.server = server;
        this.backend = backend;
        this.dataFile = dataFile;
        this.port = port;
    }

    /**
     * @param port    0 binds a free port
     * @param dataDir used by the {@code h2} backend only
     * @throws PlatformStartupException when the port is taken, or the data directory or file cannot be used
     */
    public static EmbeddedMongoServer start(EmbeddedBackend backend, int port, Path dataDir) {
        if (port < 0 || port > 65535) {
            throw new PlatformStartupException("Embedded MongoDB port " + port + " is out of range",
                    "Set MONGO_PORT (register.mongodb.embedded.port) to a port between 1 and 65535, or 0 for any free port.");
        }
        Path dataFile = backend == EmbeddedBackend.H2 ? DataDirectory.prepare(dataDir).resolve(DATA_FILE_NAME) : null;
        MongoBackend mongoBackend = switch (backend) {
            case H2 -> openH2(dataFile, false);
            case H2_MEMORY -> BsonH2Backend.inMemory();
            case MEMORY -> new MemoryBackend();
        };
        return serve(mongoBackend, backend, dataFile, port);
    }

    /**
     * The data directory's store, served read-only on a free loopback port, for tools that read the record of a
     * register that is not running (or a copy of its data directory); every write fails.
     *
     * @throws PlatformStartupException when there is no store in {@code dataDir}, or a register has it open
     */
    public static EmbeddedMongoServer openReadOnly(Path dataDir) {
        Path dataFile = dataDir.toAbsolutePath().normalize().resolve(DATA_FILE_NAME);
        if (!Files.isRegularFile(dataFile)) {
            throw new PlatformStartupException("No register store in " + dataFile.getParent(),
                    "Point DATA_DIR at the data directory of a register (it holds " + DATA_FILE_NAME + "), or set "
                            + "MONGODB_URI.");
        }
        return serve(openH2(dataFile, true), EmbeddedBackend.H2, dataFile, 0);
    }

    private static EmbeddedMongoServer serve(MongoBackend mongoBackend, EmbeddedBackend backend, Path dataFile, int port) {
        MongoServer server = new MongoServer(mongoBackend.version(ReportedMongoVersion.MONGO_5_0));
        try {
            server.bind(HOST, port);
        } catch (Exception e) {
            // Netty rethrows the checked BindException without declaring it, hence the broad catch.
            shutDownQuietly(server, mongoBackend);
            if (hasCause(e, BindException.class)) {
                throw new PlatformStartupException(
                        "Embedded MongoDB cannot listen on " + HOST + ":" + port + " because the port is already in use",
                        "Stop the process holding port " + port + ", set MONGO_PORT to a free port, "
                                + "or set MONGODB_URI to use an external MongoDB.", e);
            }
            throw new PlatformStartupException("Embedded MongoDB cannot listen on " + HOST + ":" + port + ": " + e,
                    "Check that " + HOST + " is available, or set MONGODB_URI to use an external MongoDB.", e);
        }
        InetSocketAddress address = server.getLocalAddress();
        log.info("Embedded MongoDB ({} backend{}) listening on {}:{}", backend.name().toLowerCase(),
                dataFile == null ? ", data lost on exit" : ", data in " + dataFile, HOST, address.getPort());
        return new EmbeddedMongoServer(server, backend, dataFile, address.getPort());
    }

    private static MongoBackend openH2(Path dataFile, boolean readOnly) {
        try {
            return readOnly ? BsonH2Backend.onFileReadOnly(dataFile.toString()) : BsonH2Backend.onFile(dataFile.toString());
        } catch (RuntimeException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.toLowerCase().contains("locked")) {
                throw new PlatformStartupException("Embedded MongoDB data file " + dataFile
                        + " is in use by another process",
                        "Stop the other register instance using DATA_DIR " + dataFile.getParent()
                                + ", or give this one its own DATA_DIR.", e);
            }
            throw new PlatformStartupException("Embedded MongoDB cannot open data file " + dataFile + " ("
                    + reason.lines().findFirst().orElse(e.getClass().getSimpleName()) + ")",
                    "Check the file's permissions and integrity, restore it from a backup, "
                            + "or point DATA_DIR at another directory.", e);
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void shutDownQuietly(MongoServer server, MongoBackend backend) {
        try {
            server.shutdownNow();
        } catch (RuntimeException ignored) {
            // The server never started; all that matters is releasing the backend below.
        }
        try {
            backend.close();
        } catch (RuntimeException ignored) {
            // Already closed by shutdownNow.
        }
    }

    public String connectionString() {
        return "mongodb://" + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public EmbeddedBackend backend() {
        return backend;
    }

    /** The H2 file, or empty for the memory backend. */
    public Optional<Path> dataFile() {
        return Optional.ofNullable(dataFile);
    }

    /** Stops accepting connections, then closes the backend, which makes H2 write everything to its file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        log.info("Embedded MongoDB on port {} stopped{}", port, dataFile == null ? "" : ", " + dataFile + " flushed");
    }
}
