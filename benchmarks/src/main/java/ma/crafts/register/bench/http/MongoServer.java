package ma.crafts.register.bench.http;

import java.util.concurrent.CountDownLatch;
import ma.crafts.register.platform.PlatformProperties.EmbeddedBackend;
import ma.crafts.register.platform.mongo.EmbeddedMongoServer;

/**
 * An in-memory embedded MongoDB in a process of its own, for {@code MONGO_BACKEND=memory} or {@code h2-memory} in
 * bench/register-http.sh: the app then reaches it through {@code MONGODB_URI}, and the app's heap figure leaves the
 * in-memory data out, as the issue asks. The same server class the app embeds, so the store behaves the same.
 *
 * <pre>MongoServer --port=27017 [--backend=memory|h2-memory]</pre>
 * Prints {@code READY port=…} once it listens, then serves until killed.
 */
public final class MongoServer {
    private MongoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options = new Options(args);
        int port = (int) options.number("port", 1, 65535);
        EmbeddedBackend backend = switch (options.text("backend", "memory")) {
            case "memory" -> EmbeddedBackend.MEMORY;
            case "h2-memory" -> EmbeddedBackend.H2_MEMORY;
            default -> throw new IllegalArgumentException("--backend must be memory or h2-memory");
        };
        EmbeddedMongoServer server = EmbeddedMongoServer.start(backend, port, null);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mongo-server-shutdown"));
        System.out.println("READY port=" + port);
        new CountDownLatch(1).await();
    }
}
