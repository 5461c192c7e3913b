package ma.crafts.register.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoDatabase;
import ma.crafts.register.platform.PlatformStartupException;
import ma.crafts.register.platform.mongo.MemoryMongo;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MasterKeyCheckTest {
    @RegisterExtension
    static final MemoryMongo mongo = new MemoryMongo();
    private MongoDatabase database;

    @BeforeEach
    void freshRegister() {
        database = mongo.freshDatabase("master-key");
    }

    @Test
    void theFirstStartRecordsItsKey_andOnlyThatKeyStartsAgain() {
        MasterKey registers = MasterKey.random();
        MasterKeyCheck.verify(database, registers);
        assertThatCode(() -> MasterKeyCheck.verify(database, registers)).doesNotThrowAnyException();

        MasterKey another = MasterKey.random();
        assertThatThrownBy(() -> MasterKeyCheck.verify(database, another))
                .isInstanceOf(PlatformStartupException.class)
                .hasMessageContaining(another.id()).hasMessageContaining(registers.id());
    }

    @Test
    void aRegisterThatSealedDataBeforeTheCheck_keepsTheKeyItsDataIsSealedUnder() {
        MasterKey registers = MasterKey.random();
        new PersonalDataVault(database, registers, 10, Duration.ofMinutes(1)).seal("artisan-1", new PersonalData(
                "EE123456", new LocalizedText("فاطمة", "Fatima"), new LocalizedText("الزهراء", "Zahra"),
                LocalDate.of(1984, 3, 2), null, null));

        assertThatThrownBy(() -> MasterKeyCheck.verify(database, MasterKey.random()))
                .as("the first process to start after the upgrade brings another key")
                .isInstanceOf(PlatformStartupException.class);
        assertThatCode(() -> MasterKeyCheck.verify(database, registers)).doesNotThrowAnyException();
    }

    @Test
    void processesStartingTogetherWithTwoKeys_agreeOnOne_andEveryProcessOfTheOtherIsRefused() throws Exception {
        MasterKey first = MasterKey.random();
        MasterKey second = MasterKey.random();
        int processes = 16;
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> started = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                MasterKey key = i % 2 == 0 ? first : second;
                started.add(pool.submit(() -> {
                    start.await();
                    try {
                        MasterKeyCheck.verify(database, key);
                        return key == first;
                    } catch (PlatformStartupException refused) {
                        return key != first;
                    }
                }));
            }
            start.countDown();
            List<Boolean> startedWithFirst = new ArrayList<>();
            for (Future<Boolean> process : started) {
                startedWithFirst.add(process.get());
            }
            assertThat(startedWithFirst).as("every process started with the same key, and only with it")
                    .containsOnly(startedWithFirst.get(0));
            assertThat(database.getCollection(MasterKeyCheck.COLLECTION).countDocuments()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
