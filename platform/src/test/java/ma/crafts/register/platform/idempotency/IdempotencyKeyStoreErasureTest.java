package ma.crafts.register.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import ma.crafts.register.platform.mongo.MemoryMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An erasure forgets the stored requests on the erased actors, and only theirs. */
class IdempotencyKeyStoreErasureTest {
    @RegisterExtension
    static final MemoryMongo mongo = new MemoryMongo();

    private static void done(IdempotencyKeyStore store, String key, String path, String location) {
        IdempotencyKeyStore.Claim claim = store.claim(new IdempotencyKeyStore.Id("clerk-1", key), "fp-" + key,
                "POST", path);
        store.complete(claim, new StoredResponse(201, location, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theRecordsOnAnErasedActorGoAndOthersStay() {
        MongoDatabase database = mongo.freshDatabase("idempotency-erasure");
        IdempotencyKeyStore store = new IdempotencyKeyStore(database, Clock.systemUTC(), Duration.ofHours(24));
        done(store, "registration", "/api/v1/artisans", "/api/v1/artisans/a-1");
        done(store, "card", "/api/v1/artisans/a-1/cards", "/api/v1/cards/MA07-C-1");
        done(store, "leave", "/api/v1/artisans/a-1/memberships/b-1?reason=moved", null);
        done(store, "other", "/api/v1/artisans/a-12/cards", "/api/v1/cards/MA07-C-2");
        done(store, "other-registration", "/api/v1/artisans", "/api/v1/artisans/a-12");
        done(store, "cooperative", "/api/v1/cooperatives", "/api/v1/cooperatives/c.1");

        assertThat(store.forgetActors(List.of("a-1", "c.1"))).isEqualTo(4);
        assertThat(store.forgetActors(List.of())).isZero();

        assertThat(store.find(new IdempotencyKeyStore.Id("clerk-1", "other"))).isPresent();
        assertThat(store.find(new IdempotencyKeyStore.Id("clerk-1", "other-registration"))).isPresent();
        assertThat(store.find(new IdempotencyKeyStore.Id("clerk-1", "registration"))).isEmpty();
        assertThat(store.find(new IdempotencyKeyStore.Id("clerk-1", "leave"))).isEmpty();
    }
}
