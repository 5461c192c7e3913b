package ma.crafts.register.query;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Runs the query side alone (split deployment: the gateway sends GETs here). Platform and event-store beans come from
 * their auto-configurations; everything of the query side from {@link QuerySideConfiguration}.
 */
@SpringBootApplication
@Import(QuerySideConfiguration.class)
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(QuerySideApplication.class);
        application.setDefaultProperties(Map.of("spring.application.name", "query-side"));
        application.run(args);
    }
}
