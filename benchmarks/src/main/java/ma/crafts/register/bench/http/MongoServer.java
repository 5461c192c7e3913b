package ma.crafts.register.bench.http;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import ma.crafts.register.platform.PlatformProperties.EmbeddedBackend;
import ma.crafts.register.platform.mongo.EmbeddedMongoServer;

/**
 * mongo-java-server's in-memory backend in a process of its own, for {@code MONGO_BACKEND=memory} in
 * bench/register-http.sh: the app then reaches it through {@code MONGODB_URI}, and the app's heap figure leaves the
 * in-memory data out, as the issue asks. The same server class the app embeds, so the store behaves the same.
 *
 * <pre>MongoServer --port=27017</pre>
 * Prints {@code READY port=…} once it listens, then serves until killed.
 */
public final class MongoServer {
    private MongoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options = new Options(args);
        int port = (int) options.number("port", 1, 65535);
        EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedBackend.MEMORY, port, Path.of("."));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mongo-server-shutdown"));
        System.out.println("READY port=" + port);
        new CountDownLatch(1).await();
    }
}
