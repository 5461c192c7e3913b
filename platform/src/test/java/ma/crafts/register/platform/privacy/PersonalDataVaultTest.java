package ma.crafts.register.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.platform.mongo.MemoryMongo;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.SealedPersonalData;
import ma.crafts.register.values.SealedText;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PersonalDataVaultTest {
    @RegisterExtension
    static final MemoryMongo mongo = new MemoryMongo();
    private MongoDatabase database;
    private MasterKey masterKey;
    private PersonalDataVault vault;

    private static final PersonalData FATIMA = new PersonalData("EE123456",
            new LocalizedText("فاطمة", "Fatima"), new LocalizedText("الزهراء", "Zahra"),
            LocalDate.of(1984, 3, 2), "+212612345678", "درب الدباشي 12، مراكش — Derb Dabachi 12, Marrakech");

    @BeforeEach
    void freshVault() {
        database = mongo.freshDatabase("vault");
        masterKey = MasterKey.random();
        vault = new PersonalDataVault(database, masterKey, 100, Duration.ofMinutes(1));
    }

    @Test
    void sealThenOpenGivesBackTheSameDataByteForByte() {
        SealedPersonalData sealed = vault.seal("artisan-1", FATIMA);
        assertThat(sealed.keyId()).isEqualTo("artisan-1");
        assertThat(sealed.algorithm()).isEqualTo("AES-256-GCM");
        assertThat(Base64.getDecoder().decode(sealed.nonce())).hasSize(12);
        assertThat(new String(Base64.getDecoder().decode(sealed.ciphertext()), StandardCharsets.ISO_8859_1))
                .doesNotContain("EE123456").doesNotContain("Fatima");

        PersonalData opened = vault.open(sealed).orElseThrow();
        assertThat(opened).isEqualTo(FATIMA);
        assertThat(opened.firstName().ar().getBytes(StandardCharsets.UTF_8))
                .isEqualTo("فاطمة".getBytes(StandardCharsets.UTF_8));
        assertThat(opened.address()).isEqualTo(FATIMA.address());
    }

    @Test
    void everySealUsesAFreshNonce() {
        SealedPersonalData a = vault.seal("artisan-1", FATIMA);
        SealedPersonalData b = vault.seal("artisan-1", FATIMA);
        assertThat(a.nonce()).isNotEqualTo(b.nonce());
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
    }

    @Test
    void anotherVaultWithTheSameMasterKeyOpensIt() {
        SealedPersonalData sealed = vault.seal("artisan-1", FATIMA);
        PersonalDataVault restarted = new PersonalDataVault(database, masterKey, 100, Duration.ofMinutes(1));
        assertThat(restarted.open(sealed)).contains(FATIMA);
    }

    @Test
    void eraseMakesEverySealedCopyUnreadable() {
        SealedPersonalData first = vault.seal("artisan-1", FATIMA);
        SealedPersonalData second = vault.seal("artisan-1", FATIMA);
        SealedPersonalData someoneElse = vault.seal("artisan-2", FATIMA);
        PersonalDataVault otherInstance = new PersonalDataVault(database, masterKey, 100, Duration.ZERO);

        vault.erase("artisan-1");

        assertThat(vault.open(first)).isEmpty();
        assertThat(vault.open(second)).isEmpty();
        assertThat(otherInstance.open(first)).isEmpty();
        Document tombstone = database.getCollection(PersonalDataVault.COLLECTION).find(Filters.eq("_id", "artisan-1")).first();
        assertThat(tombstone).as("no key material left").containsOnlyKeys("_id", "erasedAt");
        assertThat(vault.open(someoneElse)).contains(FATIMA);
    }

    @Test
    void preloadedKeysOpenWithoutALookupAndAnErasedActorStaysUnreadable() {
        SealedPersonalData kept = vault.seal("artisan-1", FATIMA);
        SealedPersonalData erased = vault.seal("artisan-2", FATIMA);
        vault.erase("artisan-2");
        PersonalDataVault otherInstance = new PersonalDataVault(database, masterKey, 100, Duration.ofMinutes(1));

        otherInstance.preloadKeys(List.of("artisan-1", "artisan-2", "artisan-unknown"));
        // Nothing left to look up: what opens now was preloaded.
        database.getCollection(PersonalDataVault.COLLECTION).deleteOne(Filters.eq("_id", "artisan-1"));

        assertThat(otherInstance.open(kept)).contains(FATIMA);
        assertThat(otherInstance.open(erased)).isEmpty();
    }

    @Test
    void nothingCanBeSealedForAnErasedActor_soNoNewKeyBringsItsDataBack() {
        SealedPersonalData before = vault.seal("artisan-1", FATIMA);
        PersonalDataVault otherInstance = new PersonalDataVault(database, masterKey, 100, Duration.ZERO);

        vault.erase("artisan-1");

        for (PersonalDataVault instance : List.of(vault, otherInstance)) {
            assertThatThrownBy(() -> instance.seal("artisan-1", FATIMA)).isInstanceOf(RuleViolationException.class)
                    .hasMessageContaining("erased");
        }
        assertThat(otherInstance.open(before)).isEmpty();
        assertThat(database.getCollection(PersonalDataVault.COLLECTION).find(Filters.eq("_id", "artisan-1")).first())
                .doesNotContainKey("wrappedKey");
    }

    @Test
    void aReasonIsSealedUnderTheActorsKeyAndGoesWithIt() {
        vault.seal("artisan-1", FATIMA);
        SealedText reason = vault.sealText("artisan-1", "plainte de Mme Zahra").orElseThrow();
        assertThat(reason.keyId()).isEqualTo("artisan-1");
        assertThat(reason.algorithm()).isEqualTo(PersonalDataVault.ALGORITHM);
        assertThat(new String(Base64.getDecoder().decode(reason.sealedText()), StandardCharsets.ISO_8859_1))
                .doesNotContain("Zahra");
        assertThat(vault.openText(reason)).contains("plainte de Mme Zahra");

        vault.erase("artisan-1");

        assertThat(vault.openText(reason)).isEmpty();
        assertThatThrownBy(() -> vault.sealText("artisan-1", "again")).isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("erased");
    }

    @Test
    void aReasonForAnActorWithNoKeyIsNotSealed_andCreatesNoKey() {
        assertThat(vault.sealText("nobody", "reason")).isEmpty();
        assertThat(database.getCollection(PersonalDataVault.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void textRecordedInClearBeforeSealingIsShownOnlyWhileTheActorsKeyExists() {
        vault.seal("artisan-1", FATIMA);
        SealedText recorded = SealedText.recordedInClear("artisan-1", "plainte de Mme Zahra");
        PersonalDataVault otherInstance = new PersonalDataVault(database, masterKey, 100, Duration.ZERO);
        assertThat(otherInstance.openText(recorded)).contains("plainte de Mme Zahra");

        vault.erase("artisan-1");

        assertThat(vault.openText(recorded)).isEmpty();
        assertThat(otherInstance.openText(recorded)).isEmpty();
    }

    @Test
    void aDiscardedKeyLeavesNothingBehind() {
        SealedPersonalData refused = vault.seal("refused-registration", FATIMA);
        vault.discard("refused-registration");
        assertThat(database.getCollection(PersonalDataVault.COLLECTION)
                .countDocuments(Filters.eq("_id", "refused-registration"))).isZero();
        assertThat(vault.open(refused)).isEmpty();
    }

    @Test
    void erasingAnActorNeverSealedForStillBarsItsKey() {
        vault.erase("never-sealed");
        assertThatThrownBy(() -> vault.seal("never-sealed", FATIMA)).isInstanceOf(RuleViolationException.class);
    }

    @Test
    void keyIsStoredWrappedNeverInClear() {
        vault.seal("artisan-1", FATIMA);
        Document stored = database.getCollection(PersonalDataVault.COLLECTION).find(Filters.eq("_id", "artisan-1")).first();
        assertThat(stored).isNotNull();
        assertThat(stored.getString("masterKeyId")).isEqualTo(masterKey.id());
        // 32 key bytes plus the 16-byte GCM tag
        assertThat(stored.get("wrappedKey", Binary.class).getData()).hasSize(48);
    }

    @Test
    void sealedDataIsBoundToItsActor() {
        vault.seal("artisan-2", FATIMA);
        SealedPersonalData sealed = vault.seal("artisan-1", FATIMA);
        SealedPersonalData relabelled = new SealedPersonalData("artisan-2", sealed.algorithm(), sealed.nonce(), sealed.ciphertext());
        assertThatThrownBy(() -> vault.open(relabelled)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("integrity");
        byte[] tampered = Base64.getDecoder().decode(sealed.ciphertext());
        tampered[0] ^= 1;
        SealedPersonalData altered = new SealedPersonalData("artisan-1", sealed.algorithm(), sealed.nonce(),
                Base64.getEncoder().encodeToString(tampered));
        assertThatThrownBy(() -> vault.open(altered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDifferentMasterKeyIsReportedAsSuch() {
        SealedPersonalData sealed = vault.seal("artisan-1", FATIMA);
        PersonalDataVault wrongKey = new PersonalDataVault(database, MasterKey.random(), 100, Duration.ofMinutes(1));
        assertThatThrownBy(() -> wrongKey.open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master key");
    }

    @Test
    void concurrentFirstSealsAgreeOnOneKey() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<SealedPersonalData>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                // Separate vault instances share nothing but the database, like separate service instances.
                PersonalDataVault instance = new PersonalDataVault(database, masterKey, 100, Duration.ofMinutes(1));
                futures.add(pool.submit(() -> {
                    start.await();
                    return instance.seal("racing-artisan", FATIMA);
                }));
            }
            start.countDown();
            List<SealedPersonalData> sealed = new ArrayList<>();
            for (Future<SealedPersonalData> future : futures) {
                sealed.add(future.get());
            }
            assertThat(database.getCollection(PersonalDataVault.COLLECTION).countDocuments(Filters.eq("_id", "racing-artisan")))
                    .isEqualTo(1);
            PersonalDataVault reader = new PersonalDataVault(database, masterKey, 100, Duration.ofMinutes(1));
            assertThat(sealed).allSatisfy(s -> assertThat(reader.open(s)).contains(FATIMA));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cinFingerprintIsStableAcrossInstancesAndKeyedByTheMasterKey() {
        PersonalDataVault sameKey = new PersonalDataVault(mongo.client().getDatabase("elsewhere"), masterKey, 10, Duration.ofMinutes(1));
        PersonalDataVault otherKey = new PersonalDataVault(database, MasterKey.random(), 10, Duration.ofMinutes(1));
        String fingerprint = vault.cinFingerprint("EE123456");
        assertThat(fingerprint).matches("[A-Za-z0-9_-]{43}");
        assertThat(sameKey.cinFingerprint("EE123456")).isEqualTo(fingerprint);
        assertThat(vault.cinFingerprint("EE123457")).isNotEqualTo(fingerprint);
        assertThat(otherKey.cinFingerprint("EE123456")).isNotEqualTo(fingerprint);
    }

    @Test
    void fingerprintSurvivesARestartFromTheSameBase64MasterKey() {
        String base64 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        String first = new PersonalDataVault(database, MasterKey.fromBase64(base64, "test"), 10, Duration.ofMinutes(1))
                .cinFingerprint("AB1234");
        String second = new PersonalDataVault(database, MasterKey.fromBase64(base64, "test"), 10, Duration.ofMinutes(1))
                .cinFingerprint("AB1234");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void openingAnUnknownActorIsEmpty() {
        SealedPersonalData sealed = vault.seal("artisan-1", FATIMA);
        SealedPersonalData unknown = new SealedPersonalData("never-sealed", sealed.algorithm(), sealed.nonce(), sealed.ciphertext());
        assertThat(vault.open(unknown)).isEmpty();
        assertThat(database.getCollection(PersonalDataVault.COLLECTION).countDocuments(Filters.eq("_id", "never-sealed"))).isZero();
    }
}
