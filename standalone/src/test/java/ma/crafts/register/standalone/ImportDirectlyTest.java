package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import ma.crafts.register.platform.mongo.RegisterMongoConnection;
import ma.crafts.register.standalone.imports.ImportCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The import command line's direct mode: the job runs in the command's own process, against the register's MongoDB
 * (the shared context's embedded server, as a migration machine would reach MONGODB_URI), with no register in between.
 * It ends as the same import sent to the register over HTTP ends, and what it registered is the register's.
 */
@SharedRegisterContext
class ImportDirectlyTest {
    private static final String HEADER = "cin,first_name_ar,first_name_fr,last_name_ar,last_name_fr,birth_date,gender,"
            + "phone,address,province_code,activity_code,qualification_route,years_of_practice,diploma_ref\n";

    @LocalServerPort
    int port;
    @Autowired
    RegisterMongoConnection connection;
    @TempDir
    Path work;

    @Test
    void anImportRunInThisProcessEndsAsTheSameImportOverHttp() throws IOException {
        Api api = new Api(port);
        String clerk = api.token("import-clerk-direct", List.of("CHAMBER_CLERK"), "MA-07");
        Path overHttp = file("over-http.csv", "HT");
        Path direct = file("direct.csv", "DI");

        Run http = importCommand(overHttp, "--url=http://127.0.0.1:" + port, "--token=" + clerk);
        Run inProcess = importCommand(direct, directly("--recorded-by=migration-team"));

        assertThat(http.exit()).as(http.err()).isZero();
        assertThat(inProcess.exit()).as(inProcess.err()).isZero();
        assertThat(inProcess.summary()).isEqualTo(http.summary())
                .isEqualTo("COMPLETED import …: 6 rows read, 4 accepted, 1 rejected, 1 already present");
        assertThat(Files.readString(inProcess.errors())).isEqualTo(Files.readString(http.errors()))
                .contains("***").doesNotContain("Fatima");
        assertThat(inProcess.out()).contains("rejected rows: " + work.resolve("migration-machine").resolve("imports"));
        assertThat(inProcess.err()).contains("in this process").contains("COMPLETED");

        // The job and the artisans are the register's: it shows the job, and the same file again appends nothing.
        String jobId = inProcess.out().replaceAll("(?s).*COMPLETED import (\\S+):.*", "$1");
        JsonNode job = api.get("/api/v1/imports/" + jobId, clerk).body();
        assertThat(job.get("accepted").asLong()).as("%s", job).isEqualTo(4);
        Run again = importCommand(overHttp, "--url=http://127.0.0.1:" + port, "--token=" + clerk);
        assertThat(again.summary()).isEqualTo("COMPLETED import …: 6 rows read, 0 accepted, 1 rejected, 5 already present");
    }

    @Test
    void aFileTheRegisterRefusesEndsWithExitStatus3AndItsReason() throws IOException {
        Path noRows = Files.writeString(work.resolve("header-only.csv"), HEADER, StandardCharsets.UTF_8);

        Run refused = importCommand(noRows, directly());

        assertThat(refused.exit()).as(refused.err()).isEqualTo(3);
        assertThat(refused.err()).contains("file: holds no rows under a header");
        assertThat(work.resolve("migration-machine").resolve("imports")).isEmptyDirectory();
    }

    @Test
    void aDirectImportUnderAnotherMasterKeyIsRefusedBeforeItReadsARow() throws IOException {
        byte[] anotherKey = new byte[32];
        ThreadLocalRandom.current().nextBytes(anotherKey);

        Run refused = importCommand(file("another-key.csv", "AK"),
                directlyUnder(Base64.getEncoder().encodeToString(anotherKey)));

        assertThat(refused.exit()).as(refused.err()).isEqualTo(3);
        assertThat(refused.err()).contains("is not the one this register's personal data is sealed under");
        assertThat(work.resolve("migration-machine").resolve("imports")).doesNotExist();
    }

    /** In this process, against the shared register's MongoDB, with its master key, from another data directory. */
    private String[] directly(String... more) {
        return directlyUnder(SharedRegisterContext.MASTER_KEY, more);
    }

    private String[] directlyUnder(String masterKey, String... more) {
        List<String> args = new ArrayList<>(List.of("--direct",
                "-Dregister.mongodb.uri=" + connection.connectionString().getConnectionString(),
                "-Dregister.mongodb.database=" + connection.database(),
                "-Dregister.privacy.master-key=" + masterKey,
                "-Dregister.data-dir=" + work.resolve("migration-machine")));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private Path file(String name, String cinPrefix) throws IOException {
        int base = ThreadLocalRandom.current().nextInt(100_000, 900_000);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 4; i++) {
            csv.append(cinPrefix).append(base + i).append(row());
        }
        csv.append("12BAD").append(row());
        csv.append(cinPrefix).append(base).append(row());
        return Files.writeString(work.resolve(name), csv, StandardCharsets.UTF_8);
    }

    private static String row() {
        return ",فاطمة,Fatima,الزهراء,Zahra,1984-03-02,F,+212612345678,Derb Dabachi 12,MA-MAR,B08-001,EXPERIENCE,12,\n";
    }

    private Run importCommand(Path file, String... mode) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path errors = work.resolve(file.getFileName() + "-rejected.csv");
        String[] args = new String[mode.length + 6];
        args[0] = file.toString();
        args[1] = "--kind=artisans";
        args[2] = "--region=MA-07";
        args[3] = "--poll-seconds=0.1";
        args[4] = "--progress=lines";
        args[5] = "--errors-to=" + errors;
        System.arraycopy(mode, 0, args, 6, mode.length);
        int exit = ImportCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), false, args);
        return new Run(exit, out.toString(), err.toString(), errors);
    }

    private record Run(int exit, String out, String err, Path errors) {
        /** The summary line, its job id left out. */
        String summary() {
            return out.lines().filter(line -> line.startsWith("COMPLETED") || line.startsWith("FAILED")).findFirst()
                    .orElse(out).replaceAll("import \\S+:", "import …:");
        }
    }
}
