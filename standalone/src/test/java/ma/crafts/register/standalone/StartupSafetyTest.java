package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ma.crafts.register.platform.PlatformStartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The jar as an operator might start it: without settings it hands out no tokens, it refuses to start. */
@ExtendWith(OutputCaptureExtension.class)
class StartupSafetyTest {

    @Test
    void withNoSettingsTheJarRefusesToStartAndSaysHowToRunLocally(CapturedOutput output) {
        // Only what keeps this test off ports and files other processes on the machine may hold.
        assertThatThrownBy(() -> new SpringApplicationBuilder(RegisterApplication.class).run("--server.port=0",
                "--register.mongodb.embedded.port=0", "--register.mongodb.embedded.backend=memory"))
                .satisfies(e -> {
                    Throwable cause = e;
                    while (cause != null && !(cause instanceof PlatformStartupException)) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).isNotNull();
                });
        assertThat(output).contains("no JWT issuer is configured").contains("deploy/run-local.sh");
    }
}
