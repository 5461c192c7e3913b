package ma.crafts.register.standalone;

import java.util.Arrays;
import ma.crafts.register.command.CommandSideConfiguration;
import ma.crafts.register.query.QuerySideConfiguration;
import ma.crafts.register.standalone.audit.AuditCommand;
import ma.crafts.register.standalone.imports.ImportCommand;
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
    /**
     * {@code audit ...} runs the auditor's command line instead, without the web server; {@code import ...} the
     * migration team's, which sends a file to a running register, or with {@code --direct} runs the import in its own
     * process.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("audit")) {
            System.exit(AuditCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(ImportCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(RegisterApplication.class, args);
    }
}
