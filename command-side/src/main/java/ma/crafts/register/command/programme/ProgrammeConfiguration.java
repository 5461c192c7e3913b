package ma.crafts.register.command.programme;

import com.fasterxml.jackson.databind.ObjectMapper;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.EventStreams;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;

/**
 * Benefit programmes and their seed. Imported by the command side. {@code register.programmes.file} replaces the
 * bundled seed; it is read only for programmes the register does not hold yet.
 */
@Configuration(proxyBeanMethods = false)
@Import({Programme.class, ProgrammeCommandController.class})
public class ProgrammeConfiguration {
    static final String DEFAULT_SEED = "classpath:programmes/seed.json";

    @Bean
    public ProgrammeRuleCheck programmeRuleCheck(Geography geography, Nomenclature nomenclature) {
        return new ProgrammeRuleCheck(geography, nomenclature);
    }

    @Bean
    public ProgrammeRegistry programmeRegistry(CommandGatewayReceipts commands, EventStreams streams) {
        return new ProgrammeRegistry(commands, streams::exists);
    }

    @Bean
    public ProgrammeSeed programmeSeed(ProgrammeRegistry registry, ResourceLoader resources, ObjectMapper json,
                                       @Value("${register.programmes.file:" + DEFAULT_SEED + "}") String file) {
        return new ProgrammeSeed(registry, ProgrammeSeed.resource(resources, file), json);
    }
}
