package ma.crafts.register.bench.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteCeilingTest {
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void aStoreWithTwoCollections_oneUnderAUniqueIndex() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        database = client.getDatabase("register");
        database.getCollection("commits").createIndex(Indexes.ascending("stream", "seq"), new IndexOptions().unique(true));
        List<Document> commits = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            commits.add(new Document("_id", i).append("stream", "s" + i % 500).append("seq", i / 500));
        }
        database.getCollection("commits").insertMany(commits);
        List<Document> views = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            views.add(new Document("_id", "s" + i).append("name", "artisan " + i));
        }
        database.getCollection("artisan_view").insertMany(views);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void copiesEveryDocumentUnderTheSameIndexes_thenDropsTheCopies() {
        WriteCeiling.Measured measured = new WriteCeiling(database).measure(1_000_000);

        assertThat(measured.documents()).isEqualTo(3_000);
        assertThat(measured.copied()).isEqualTo(3_000);
        assertThat(measured.seconds()).isPositive();
        assertThat(database.listCollectionNames().into(new ArrayList<>()))
                .containsExactlyInAnyOrder("commits", "artisan_view");
    }

    @Test
    void aLargeStoreIsSampled_theSameShareOfEveryCollection() {
        WriteCeiling.Measured measured = new WriteCeiling(database).measure(600);

        assertThat(measured.documents()).isEqualTo(3_000);
        assertThat(measured.copied()).isEqualTo(500 + 100);
    }
}
