package ma.crafts.register.standalone;

import static ma.crafts.register.standalone.RegisterProcess.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bulk import of artisans, or of cooperatives (already present by seat and names rather than by a CIN), killed
 * with {@code kill -9} mid-file, in a register running as a JVM of its own on the H2 store, and started again on the
 * same data: the job resumes by itself and ends as an uninterrupted import of that file ends, which the file's
 * construction says row by row (which rows are invalid, which repeat an earlier row). Importing the file once more
 * then accepts nothing: every valid row was registered, none twice.
 */
class ImportSurvivesKillTest {
    private static final int ROWS = 1200;
    private static final String REGION = "MA-07";

    @TempDir
    Path work;

    private RegisterProcess register;

    @AfterEach
    void stopTheRegister() throws InterruptedException {
        if (register != null) {
            register.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"artisans", "cooperatives"})
    void aKilledImportResumesAndEndsAsAnUninterruptedOne(String kind) throws Exception {
        register = RegisterProcess.start(work, "first", "--register.imports.save-every=PT0.2S");
        Api api = register.api();
        String clerk = api.token("import-clerk", List.of("CHAMBER_CLERK"), REGION);
        String activityCode = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0)
                .get("code").asText();
        KilledImportFile file = kind.equals("artisans") ? KilledImportFile.of(ROWS, "KI", activityCode)
                : KilledImportFile.cooperatives(ROWS, "KC", activityCode);
        Api.Upload upload = new Api.Upload(Map.of("kind", file.kind()), "register.csv",
                file.csv().getBytes(StandardCharsets.UTF_8));

        Api.Reply started = api.post("/api/v1/imports", clerk, upload);
        assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
        String job = started.header("Location");
        await("the import to be well under way", () -> api.get(job, clerk).body().get("rowsRead").asLong() >= ROWS / 5);
        JsonNode beforeKill = api.get(job, clerk).body();
        assertThat(beforeKill.get("status").asText()).isEqualTo("RUNNING");
        register.kill();

        register = RegisterProcess.start(work, "second");
        Api again = register.api();
        String sameClerk = again.token("import-clerk", List.of("CHAMBER_CLERK"), REGION);
        await("the resumed import to finish", () -> !again.get(job, sameClerk).body().get("status").asText()
                .equals("RUNNING"));
        JsonNode resumed = again.get(job, sameClerk).body();
        assertThat(resumed.get("status").asText()).as("%s", resumed).isEqualTo("COMPLETED");
        assertThat(resumed.get("rowsRead").asLong()).isEqualTo(ROWS);
        assertThat(resumed.get("rejected").asLong()).isEqualTo(file.invalidRows().size());
        assertThat(resumed.get("alreadyPresent").asLong()).isEqualTo(file.repeats());
        assertThat(resumed.get("accepted").asLong()).isEqualTo(file.accepted());
        assertThat(resumed.get("rowsRead").asLong()).isGreaterThan(beforeKill.get("rowsRead").asLong());

        HttpResponse<byte[]> errors = again.download(job + "/errors", sameClerk, "text/csv");
        List<Long> rejectedRows = new ArrayList<>();
        new String(errors.body(), StandardCharsets.UTF_8).lines().skip(1)
                .forEach(line -> rejectedRows.add(Long.parseLong(line.substring(0, line.indexOf(',')))));
        assertThat(rejectedRows).as("each rejected row once, in row order").containsExactlyElementsOf(file.invalidRows());

        Api.Reply reimport = again.post("/api/v1/imports", sameClerk, upload);
        assertThat(reimport.status()).isEqualTo(202);
        String second = reimport.header("Location");
        await("the second import to finish", () -> !again.get(second, sameClerk).body().get("status").asText()
                .matches("QUEUED|RUNNING"));
        JsonNode twice = again.get(second, sameClerk).body();
        assertThat(twice.get("accepted").asLong()).as("%s", twice).isZero();
        assertThat(twice.get("alreadyPresent").asLong()).isEqualTo(ROWS - file.invalidRows().size());
    }
}
