package ma.crafts.register.query.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import ma.crafts.register.query.QuerySideApplication;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The query side alone on a random port, over an embedded memory MongoDB, with short waits for {@code ?minPosition}.
 * Test classes carrying it share one running application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "register.mongodb.embedded.backend=memory",
                "register.mongodb.embedded.port=0",
                "register.data-dir=target/query-rest-test-data",
                "register.query.min-position-timeout=2s"
        })
public @interface QueryRestContext {
}
