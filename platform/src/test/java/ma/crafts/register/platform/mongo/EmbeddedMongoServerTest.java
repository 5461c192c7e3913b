package ma.crafts.register.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import ma.crafts.register.platform.PlatformProperties.EmbeddedBackend;
import ma.crafts.register.platform.PlatformStartupException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoServerTest {
    @TempDir
    Path temp;

    @Test
    void memoryServerSpeaksTheWireProtocolToTheRealDriver() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedBackend.MEMORY, 0, temp);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(server.port()).isPositive();
            assertThat(server.connectionString()).isEqualTo("mongodb://127.0.0.1:" + server.port());
            MongoCollection<Document> things = client.getDatabase("register").getCollection("things");
            things.insertOne(new Document("_id", "a-1").append("name", "فاطمة الزهراء"));
            assertThat(things.find(Filters.eq("_id", "a-1")).first().getString("name")).isEqualTo("فاطمة الزهراء");
            assertThat(client.getDatabase("register").runCommand(new Document("ping", 1)).get("ok", Number.class).intValue())
                    .isEqualTo(1);
            assertThat(server.dataFile()).isEmpty();
        }
        assertThat(temp).isEmptyDirectory();
    }

    /** mongosh refuses servers below wire version 9 (MongoDB 4.4); every backend reports 5.0 and its wire version, 13. */
    @Test
    void everyBackendReportsAVersionCurrentMongoshAccepts() {
        for (EmbeddedBackend backend : EmbeddedBackend.values()) {
            Path dataDir = temp.resolve(backend.name());
            try (EmbeddedMongoServer server = EmbeddedMongoServer.start(backend, 0, dataDir);
                 MongoClient client = MongoClients.create(server.connectionString())) {
                Document hello = client.getDatabase("admin").runCommand(new Document("isMaster", 1));
                assertThat(hello.get("maxWireVersion", Number.class).intValue()).as(backend.name()).isEqualTo(13);
                Document buildInfo = client.getDatabase("admin").runCommand(new Document("buildInfo", 1));
                assertThat(buildInfo.getString("version")).as(backend.name()).startsWith("5.0");
            }
        }
    }

    @Test
    void h2ServerKeepsDataAcrossRestarts() {
        Path dataDir = temp.resolve("nested/data");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedBackend.H2, 0, dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("register").getCollection("things").insertOne(new Document("_id", "kept").append("v", 1));
            assertThat(server.dataFile()).contains(dataDir.toAbsolutePath().resolve("register.mv"));
        }
        assertThat(dataDir.resolve("register.mv")).isRegularFile();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedBackend.H2, 0, dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            Document kept = client.getDatabase("register").getCollection("things").find(Filters.eq("_id", "kept")).first();
            assertThat(kept).isNotNull();
            assertThat(kept.getInteger("v")).isEqualTo(1);
        }
    }

    @Test
    void acknowledgedWritesAreInTheFileBeforeAnyShutdown() throws IOException {
        Path copy = temp.resolve("snapshot");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedBackend.H2, 0, temp.resolve("live"));
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("register").getCollection("events").insertOne(new Document("_id", "acknowledged"));
            // What a crash would leave behind: the file as it is now, with the server still running.
            Files.createDirectories(copy);
            Files.copy(server.dataFile().orElseThrow(), copy.resolve(EmbeddedMongoServer.DATA_FILE_NAME));
        }
        try (EmbeddedMongoServer recovered = EmbeddedMongoServer.start(EmbeddedBackend.H2, 0, copy);
             MongoClient client = MongoClients.create(recovered.connectionString())) {
            assertThat(client.getDatabase("register").getCollection("events")
                    .find(Filters.eq("_id", "acknowledged")).first()).isNotNull();
        }
    }

    @Test
    void concurrentAcknowledgedWritesAreAllInTheFile_whenTheyShareCommits() throws Exception {
        Path copy = temp.resolve("concurrent-snapshot");
        int writers = 8;
        int writesEach = 50;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedBackend.H2, 0, temp.resolve("concurrent"));
             MongoClient client = MongoClients.create(server.connectionString())) {
            var events = client.getDatabase("register").getCollection("events");
            var pool = Executors.newFixedThreadPool(writers);
            try {
                var done = new ArrayList<Future<?>>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < writesEach; i++) {
                            events.insertOne(new Document("_id", writer + "-" + i));
                        }
                    }));
                }
                for (var future : done) {
                    future.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            Files.createDirectories(copy);
            Files.copy(server.dataFile().orElseThrow(), copy.resolve(EmbeddedMongoServer.DATA_FILE_NAME));
        }
        try (EmbeddedMongoServer recovered = EmbeddedMongoServer.start(EmbeddedBackend.H2, 0, copy);
             MongoClient client = MongoClients.create(recovered.connectionString())) {
            assertThat(client.getDatabase("register").getCollection("events").countDocuments())
                    .isEqualTo((long) writers * writesEach);
        }
    }

    @Test
    void takenPortFailsWithAClearMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedMongoServer.start(EmbeddedBackend.MEMORY, port, temp))
                    .isInstanceOf(PlatformStartupException.class)
                    .hasMessage("Embedded MongoDB cannot listen on 127.0.0.1:" + port + " because the port is already in use")
                    .satisfies(e -> assertThat(((PlatformStartupException) e).action()).contains("MONGO_PORT"));
        }
    }

    @Test
    void unwritableDataDirFailsWithAClearMessage() throws IOException {
        Path notADirectory = Files.writeString(temp.resolve("plain-file"), "x");
        Path dataDir = notADirectory.resolve("data");
        assertThatThrownBy(() -> EmbeddedMongoServer.start(EmbeddedBackend.H2, 0, dataDir))
                .isInstanceOf(PlatformStartupException.class)
                .hasMessageStartingWith("Data directory " + dataDir.toAbsolutePath() + " is not writable")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(((PlatformStartupException) e).action()).contains("DATA_DIR"));
    }

    @Test
    void dataFileInUseByAnotherServerFailsWithAClearMessage() {
        try (EmbeddedMongoServer first = EmbeddedMongoServer.start(EmbeddedBackend.H2, 0, temp)) {
            assertThatThrownBy(() -> EmbeddedMongoServer.start(EmbeddedBackend.H2, 0, temp))
                    .isInstanceOf(PlatformStartupException.class)
                    .hasMessageContaining("register.mv")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
