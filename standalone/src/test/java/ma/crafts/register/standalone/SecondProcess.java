package ma.crafts.register.standalone;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import ma.crafts.register.platform.mongo.RegisterMongoConnection;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A second register process on the shared context's MongoDB, as a second chamber server would run. */
final class SecondProcess {
    private SecondProcess() {
    }

    /** With the same master key, so both processes compute the same CIN fingerprint. */
    static ConfigurableApplicationContext start(RegisterMongoConnection connection) {
        return new SpringApplicationBuilder(RegisterApplication.class).properties(Map.of(
                "server.port", "0",
                "register.mongodb.uri", connection.connectionString().getConnectionString(),
                // With a MongoDB URI the register defaults to a real token issuer; these tests mint dev tokens.
                "register.auth.mode", "dev",
                "register.mongodb.database", connection.database(),
                "register.privacy.master-key", SharedRegisterContext.MASTER_KEY)).run();
    }

    static int port(ConfigurableApplicationContext process) {
        return ((WebServerApplicationContext) process).getWebServer().getPort();
    }

    /** Sends every call at the same moment, from {@code threads} threads; the replies come back in call order. */
    static List<Api.Reply> atOnce(int calls, int threads, IntFunction<Api.Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> future : futures) {
                replies.add(future.get(120, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    /** ArtisanRegistered events in the shared event store. */
    static long registrationsStored(MongoDatabase database) {
        long count = 0;
        for (Document commit : database.getCollection("commits").find(Filters.exists("events"))) {
            for (Document event : commit.getList("events", Document.class)) {
                if (event.getString("payloadType").endsWith(".ArtisanRegistered")) {
                    count++;
                }
            }
        }
        return count;
    }
}
