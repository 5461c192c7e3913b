package ma.crafts.register.eventstore.saga;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import ma.crafts.register.eventstore.deadline.TestDatabases;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The saga store keeps sagas as documents and finds them by association through an {@code _id} lookup. */
class MongoSagaStoreTest {

    /** Saga state the way the register's sagas keep it: plain fields, Jackson-visible. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
    static class ComplianceWatch {
        String enterpriseId;
        String regionCode;
        String note;

        ComplianceWatch() {
        }

        ComplianceWatch(String enterpriseId, String regionCode, String note) {
            this.enterpriseId = enterpriseId;
            this.regionCode = regionCode;
            this.note = note;
        }
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static class OtherSaga {
        String id;
    }

    private final TestDatabases databases = new TestDatabases();

    @AfterEach
    void tearDown() {
        databases.close();
    }

    private MongoSagaStore store(MongoDatabase database) {
        return new MongoSagaStore(database, TestDatabases.serializer());
    }

    @Test
    void insertLoadUpdateAndDelete_keepStateAndAssociationsInStep() {
        MongoDatabase database = databases.newProcess();
        MongoSagaStore store = store(database);
        AssociationValue enterprise = new AssociationValue("enterpriseId", "e-1");
        AssociationValue artisan = new AssociationValue("artisanId", "a-1");
        store.insertSaga(ComplianceWatch.class, "saga-1",
                new ComplianceWatch("e-1", "MA-07", "مقاولة / entreprise"), Set.of(enterprise, artisan));

        SagaStore.Entry<ComplianceWatch> loaded = store.loadSaga(ComplianceWatch.class, "saga-1");
        assertThat(loaded.saga().enterpriseId).isEqualTo("e-1");
        assertThat(loaded.saga().note).isEqualTo("مقاولة / entreprise");
        assertThat(loaded.associationValues()).containsExactlyInAnyOrder(enterprise, artisan);
        assertThat(store.findSagas(ComplianceWatch.class, artisan)).containsExactly("saga-1");
        assertThat(store.findSagas(OtherSaga.class, artisan)).isEmpty();
        assertThat(store.loadSaga(OtherSaga.class, "saga-1")).isNull();
        Document stored = database.getCollection(MongoSagaStore.SAGAS).find(eq("_id", "saga-1")).first();
        assertThat(stored.get("saga", Document.class).getString("regionCode")).isEqualTo("MA-07");

        AssociationValuesImpl values = new AssociationValuesImpl(Set.of(enterprise, artisan));
        values.commit();
        AssociationValue newArtisan = new AssociationValue("artisanId", "a-2");
        values.remove(artisan);
        values.add(newArtisan);
        store.updateSaga(ComplianceWatch.class, "saga-1", new ComplianceWatch("e-1", "MA-03", "نقل / transfert"), values);

        SagaStore.Entry<ComplianceWatch> updated = store.loadSaga(ComplianceWatch.class, "saga-1");
        assertThat(updated.saga().regionCode).isEqualTo("MA-03");
        assertThat(updated.associationValues()).containsExactlyInAnyOrder(enterprise, newArtisan);
        assertThat(store.findSagas(ComplianceWatch.class, artisan)).isEmpty();
        assertThat(store.findSagas(ComplianceWatch.class, newArtisan)).containsExactly("saga-1");

        store.deleteSaga(ComplianceWatch.class, "saga-1", Set.of(enterprise, newArtisan));
        assertThat(store.loadSaga(ComplianceWatch.class, "saga-1")).isNull();
        assertThat(store.findSagas(ComplianceWatch.class, enterprise)).isEmpty();
        assertThat(store.findSagas(ComplianceWatch.class, newArtisan)).isEmpty();
    }

    @Test
    void associationIdsCannotCollide_whateverTheKeysAndValuesContain() {
        MongoSagaStore store = store(databases.newProcess());
        AssociationValue left = new AssociationValue("a|b", "c");
        AssociationValue right = new AssociationValue("a", "b|c");
        AssociationValue backslash = new AssociationValue("a\\", "|b|c");
        store.insertSaga(ComplianceWatch.class, "left", new ComplianceWatch(), Set.of(left));
        store.insertSaga(ComplianceWatch.class, "right", new ComplianceWatch(), Set.of(right));
        store.insertSaga(ComplianceWatch.class, "backslash", new ComplianceWatch(), Set.of(backslash));

        assertThat(store.findSagas(ComplianceWatch.class, left)).containsExactly("left");
        assertThat(store.findSagas(ComplianceWatch.class, right)).containsExactly("right");
        assertThat(store.findSagas(ComplianceWatch.class, backslash)).containsExactly("backslash");
    }

    @Test
    void twoProcessesAssociatingTheSameValueConcurrently_loseNoAssociation() throws Exception {
        MongoSagaStore processA = store(databases.newProcess());
        MongoSagaStore processB = store(databases.newProcess());
        AssociationValue shared = new AssociationValue("artisanId", "a-shared");
        // Sagas that leave the shared value while the others join it, to race $pull against $addToSet too.
        List<String> leaving = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = "leaving-" + i;
            processA.insertSaga(ComplianceWatch.class, id, new ComplianceWatch(), Set.of(shared));
            leaving.add(id);
        }
        int perProcess = 12;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        List<String> joining = new ArrayList<>();
        for (int i = 0; i < perProcess; i++) {
            for (MongoSagaStore process : List.of(processA, processB)) {
                String id = (process == processA ? "a-" : "b-") + i;
                joining.add(id);
                work.add(pool.submit(() -> {
                    go.await();
                    process.insertSaga(ComplianceWatch.class, id, new ComplianceWatch(id, "MA-07", null), Set.of(shared));
                    return null;
                }));
            }
        }
        for (String id : leaving) {
            work.add(pool.submit(() -> {
                go.await();
                processB.deleteSaga(ComplianceWatch.class, id, Set.of(shared));
                return null;
            }));
        }
        go.countDown();
        for (Future<?> future : work) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(processA.findSagas(ComplianceWatch.class, shared)).containsExactlyInAnyOrderElementsOf(joining);
        assertThat(processB.findSagas(ComplianceWatch.class, shared)).hasSize(2 * perProcess);
    }
}
