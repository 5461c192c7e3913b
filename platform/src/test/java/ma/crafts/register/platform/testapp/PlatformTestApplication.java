package ma.crafts.register.platform.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service on the platform, as command-side and query-side are: only the test controller is its own. */
@SpringBootApplication
public class PlatformTestApplication {
}
