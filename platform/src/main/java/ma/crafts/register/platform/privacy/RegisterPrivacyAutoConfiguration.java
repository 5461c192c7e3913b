package ma.crafts.register.platform.privacy;

import java.nio.file.Path;

import com.mongodb.client.MongoDatabase;
import ma.crafts.register.events.privacy.ClearTextUpcaster;
import ma.crafts.register.platform.KeyDirectory;
import ma.crafts.register.platform.PlatformProperties;
import ma.crafts.register.platform.PlatformProperties.EmbeddedBackend;
import ma.crafts.register.platform.PlatformStartupException;
import ma.crafts.register.platform.mongo.RegisterMongoAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link PersonalDataVault}. Its master key comes from {@code register.privacy.master-key}; failing that, an
 * embedded H2 installation keeps a generated one in {@code <data-dir>/master.key}, and the throw-away memory backend
 * uses a random one. Against an external MongoDB the key must be configured: generating one per instance would make
 * the data sealed by one instance unreadable by the next.
 */
@AutoConfiguration(after = RegisterMongoAutoConfiguration.class)
@ConditionalOnBean(MongoDatabase.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class RegisterPrivacyAutoConfiguration {
    public static final String MASTER_KEY_FILE = "master.key";
    private static final Logger log = LoggerFactory.getLogger(RegisterPrivacyAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public MasterKey registerMasterKey(PlatformProperties properties) {
        String configured = properties.privacy().masterKey();
        if (configured != null && !configured.isBlank()) {
            return MasterKey.fromBase64(configured, "register.privacy.master-key");
        }
        PlatformProperties.Mongodb mongodb = properties.mongodb();
        if (mongodb.isEmbedded() && mongodb.embedded().backend() == EmbeddedBackend.H2) {
            Path file = KeyDirectory.prepare(properties.keyDirectory()).resolve(MASTER_KEY_FILE);
            KeyDirectory.adoptEarlierKey(properties.dataDir().resolve(MASTER_KEY_FILE), file);
            return MasterKey.loadOrCreate(file);
        }
        if (mongodb.isEmbedded()) {
            log.info("Using a random personal-data master key: the memory backend forgets everything on exit anyway");
            return MasterKey.random();
        }
        throw new PlatformStartupException("No personal-data master key is configured for the external MongoDB",
                "Set REGISTER_PRIVACY_MASTER_KEY (register.privacy.master-key) to the base64 of 32 random bytes "
                        + "(`openssl rand -base64 32`), the same for every instance, kept in your secret store.");
    }

    @Bean
    @ConditionalOnMissingBean
    public PersonalDataVault personalDataVault(MongoDatabase database, MasterKey masterKey, PlatformProperties properties) {
        MasterKeyCheck.verify(database, masterKey);
        return new PersonalDataVault(database, masterKey, properties.privacy().keyCacheSize(),
                properties.privacy().keyCacheTtl());
    }

    /** Registered with Axon's upcaster chain, which picks up every {@code EventUpcaster} bean. */
    @Bean
    @ConditionalOnMissingBean
    public ClearTextUpcaster registerClearTextUpcaster() {
        return new ClearTextUpcaster();
    }
}
