package ma.crafts.register.command;

import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The geography and nomenclature beans. An auto-configuration that backs off when another module already defines
 * them, so command and query side can run in one process with a single copy.
 */
@AutoConfiguration
public class ReferenceDataAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public Geography geography() {
        return Geography.load();
    }

    /** {@code register.nomenclature.file} (or {@code REGISTER_NOMENCLATURE_FILE}) replaces the shipped list. */
    @Bean
    @ConditionalOnMissingBean
    public Nomenclature nomenclature(Environment environment) {
        Nomenclature nomenclature = Nomenclature.load(environment.getProperty(Nomenclature.FILE_PROPERTY));
        if (nomenclature.provisional()) {
            log.warn("Nomenclature {} is PROVISIONAL ({} activities): {}", nomenclature.version(),
                    nomenclature.activities().size(), nomenclature.notice());
        } else {
            log.info("Nomenclature {} loaded ({} activities)", nomenclature.version(), nomenclature.activities().size());
        }
        return nomenclature;
    }
}
