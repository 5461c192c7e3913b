package ma.crafts.register.platform.testscan;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * An application that component-scans the platform's own packages, as a launcher with a broad
 * {@code scanBasePackages} would. The platform must then come up exactly once, not twice.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = "ma.crafts.register.platform", excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "ma\\.crafts\\.register\\.platform\\.testapp\\..*")})
public class ScanningTestApplication {
}
