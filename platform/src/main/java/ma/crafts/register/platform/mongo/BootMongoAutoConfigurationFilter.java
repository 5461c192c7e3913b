package ma.crafts.register.platform.mongo;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Leaves Spring Boot's {@code MongoAutoConfiguration} out of every application on the platform: the platform owns the
 * {@code MongoClient}, and Boot's version would add settings beans that point at {@code localhost:27017}.
 */
public class BootMongoAutoConfigurationFilter implements AutoConfigurationImportFilter {
    static final String BOOT_MONGO = "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration";

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            matches[i] = !BOOT_MONGO.equals(autoConfigurationClasses[i]);
        }
        return matches;
    }
}
