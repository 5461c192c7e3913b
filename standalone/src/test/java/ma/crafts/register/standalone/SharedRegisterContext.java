package ma.crafts.register.standalone;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The standalone application in dev mode on the embedded memory backend and a random port, with a fixed personal-data master key
 * (so a second process can share its MongoDB and compute the same CIN fingerprints) and its checkpoints' copies in a
 * directory of its own under target/: a directory an earlier run left would be imported into this run's empty store.
 * Every test class carrying this annotation runs against the same cached application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "register.auth.mode=dev",
        "register.mongodb.embedded.backend=memory",
        "register.mongodb.embedded.port=0",
        "register.privacy.master-key=" + SharedRegisterContext.MASTER_KEY,
        "register.audit.checkpoint-dir=target/shared-register-checkpoints/${random.uuid}"})
@interface SharedRegisterContext {

    /** Base64 of 32 bytes; a test key, never a deployment's. */
    String MASTER_KEY = "dGVzdC1vbmx5LW1hc3Rlci1rZXktMzItYnl0ZXMtISE=";
}
