package ma.crafts.register.standalone;

import ma.crafts.register.command.CommandSideConfiguration;
import ma.crafts.register.query.QuerySideConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Both sides in one process: every path of the API on one port, MongoDB embedded unless {@code MONGODB_URI} is set.
 * It imports the same configurations the split deployment's two applications use, so nothing is wired twice.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({CommandSideConfiguration.class, QuerySideConfiguration.class})
public class RegisterApplication {
    public static void main(String[] args) {
        SpringApplication.run(RegisterApplication.class, args);
    }
}
