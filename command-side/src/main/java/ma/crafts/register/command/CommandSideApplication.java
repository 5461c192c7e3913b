package ma.crafts.register.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The command side on its own, for a split deployment (the gateway in deploy/ routes POST, PUT and DELETE here).
 * No component scan: {@link CommandSideConfiguration} lists what it brings, so the standalone launcher can import the
 * same configuration without registering anything twice.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(CommandSideConfiguration.class)
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
