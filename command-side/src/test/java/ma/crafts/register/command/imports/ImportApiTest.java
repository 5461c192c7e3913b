package ma.crafts.register.command.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import ma.crafts.register.command.CommandSideApplication;
import ma.crafts.register.command.artisan.CinReservations;
import ma.crafts.register.command.support.CommandHttp;
import ma.crafts.register.command.support.CommandHttp.Response;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bulk imports over real HTTP: jobs, formats, idempotence, dry runs, errors CSV, and what a refused request leaves. */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "register.data-dir=target/import-api-test-data")
class ImportApiTest {
    private static final AtomicInteger CINS = new AtomicInteger((int) (System.nanoTime() % 500_000));
    static final String HEADER = "cin,first_name_ar,first_name_fr,last_name_ar,last_name_fr,birth_date,gender,phone,"
            + "address,province_code,activity_code,qualification_route,years_of_practice,diploma_ref\n";

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;
    @Autowired
    CinReservations reservations;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    Imports imports;
    @Autowired
    ImportJobs jobs;

    private CommandHttp http;
    private String clerk07;

    @BeforeEach
    void tokens() {
        http = new CommandHttp(port);
        clerk07 = http.token("import-clerk", "CHAMBER_CLERK", "MA-07");
    }

    static String cin() {
        return "IM" + String.format("%06d", CINS.incrementAndGet() % 1_000_000);
    }

    static String row(String cin, String firstAr, String firstFr) {
        return cin + "," + firstAr + "," + firstFr + ",بناني,Bennani,1984-03-02,F,+212612345678,Derb Dabachi 12,MA-MAR,"
                + "B08-001,EXPERIENCE,12,\n";
    }

    @Test
    void importsValidRowsRejectsBadOnesWithReasonsAndAppendsNothingTheSecondTime() {
        String first = cin();
        String second = cin();
        String csv = HEADER + row(first, "فاطمة", "Fatima") + row(second, "خديجة", "Khadija")
                + row("12BAD", "سعاد", "Souad") + row(cin(), "Latin", "Nadia");
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);

        JsonNode done = importAndWait(file, "artisans.csv", Map.of("kind", "artisans"), "");
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("format").asText()).isEqualTo("csv");
        assertThat(done.get("encoding").asText()).isEqualTo("utf-8");
        assertThat(done.get("regionCode").asText()).isEqualTo("MA-07");
        assertThat(done.get("rowsRead").asLong()).isEqualTo(4);
        assertThat(done.get("accepted").asLong()).isEqualTo(2);
        assertThat(done.get("rejected").asLong()).isEqualTo(2);
        assertThat(done.get("alreadyPresent").asLong()).isZero();
        assertThat(done.get("bytesTotal").asLong()).isEqualTo(file.length);
        assertThat(reservations.holderOf(vault.cinFingerprint(first))).isPresent();

        HttpResponse<byte[]> errors = http.download(done.get("links").get("errors").asText(), clerk07, "text/csv");
        assertThat(errors.statusCode()).isEqualTo(200);
        assertThat(errors.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String errorsCsv = new String(errors.body(), StandardCharsets.UTF_8);
        assertThat(errorsCsv).startsWith("\uFEFFrow,cin,first_name_ar,");
        assertThat(errorsCsv).contains("4,***,***,***,***,***,***,F,***,***,MA-MAR")
                .contains("cin : doit comporter 1 ou 2 lettres suivies de 1 à 6 chiffres")
                .contains("cin: يجب أن يتكون من حرف أو حرفين")
                .contains("first_name_ar : doit être écrit en écriture")
                .doesNotContain("12BAD").doesNotContain("Souad");

        JsonNode again = importAndWait(file, "artisans.csv", Map.of("kind", "artisans"), "");
        assertThat(again.get("accepted").asLong()).isZero();
        assertThat(again.get("alreadyPresent").asLong()).isEqualTo(2);
        assertThat(again.get("rejected").asLong()).isEqualTo(2);
    }

    @Test
    void theSameCinWithOtherDataIsRejectedAsADuplicate() {
        String cin = cin();
        importAndWait((HEADER + row(cin, "فاطمة", "Fatima")).getBytes(StandardCharsets.UTF_8), "a.csv",
                Map.of("kind", "artisans"), "");
        JsonNode other = importAndWait((HEADER + row(cin, "خديجة", "Khadija")).getBytes(StandardCharsets.UTF_8), "b.csv",
                Map.of("kind", "artisans"), "");
        assertThat(other.get("rejected").asLong()).isEqualTo(1);
        String errorsCsv = new String(http.download(other.get("links").get("errors").asText(), clerk07, "text/csv").body(),
                StandardCharsets.UTF_8);
        assertThat(errorsCsv).contains("Ce CIN est déjà inscrit");
    }

    @Test
    void readsUtf16AndWindows1256ArabicFiles() {
        String utf16Cin = cin();
        byte[] utf16 = withBom(new byte[]{(byte) 0xFF, (byte) 0xFE},
                (HEADER + row(utf16Cin, "فاطمة", "Fatima")).replace(',', '\t').getBytes(StandardCharsets.UTF_16LE));
        JsonNode fromUtf16 = importAndWait(utf16, "excel.txt", Map.of("kind", "artisans"), "");
        assertThat(fromUtf16.get("encoding").asText()).isEqualTo("utf-16");
        assertThat(fromUtf16.get("accepted").asLong()).as(fromUtf16.toString()).isEqualTo(1);

        byte[] cp1256 = (HEADER + row(cin(), "فاطمة", "Fatima")).replace(',', ';')
                .getBytes(Charset.forName("windows-1256"));
        JsonNode fromCp1256 = importAndWait(cp1256, "old-tool.csv", Map.of("kind", "artisans"), "");
        assertThat(fromCp1256.get("encoding").asText()).isEqualTo("windows-1256");
        assertThat(fromCp1256.get("accepted").asLong()).as(fromCp1256.toString()).isEqualTo(1);
    }

    @Test
    void aDryRunChecksEveryRowAndStoresNothing() {
        String cin = cin();
        JsonNode dry = importAndWait((HEADER + row(cin, "فاطمة", "Fatima") + row("X", "فاطمة", "Fatima"))
                .getBytes(StandardCharsets.UTF_8), "dry.csv", Map.of("kind", "artisans"), "?dryRun=true");
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("accepted").asLong()).isEqualTo(1);
        assertThat(dry.get("rejected").asLong()).isEqualTo(1);
        assertThat(reservations.holderOf(vault.cinFingerprint(cin))).isEmpty();
    }

    /**
     * A CIN repeated in the file: the dry run says what the import then does, though it reserves nothing. The same
     * data again is already present; other data is a duplicate CIN (the import rejects whichever of the two rows
     * reserves it second, the dry run the later one).
     */
    @Test
    void aDryRunCountsACinRepeatedInTheFileAsTheImportDoes() {
        String twiceSame = cin();
        String twiceOther = cin();
        byte[] file = (HEADER + row(twiceSame, "فاطمة", "Fatima") + row(cin(), "سعاد", "Souad")
                + row(twiceSame, "فاطمة", "Fatima") + row(twiceOther, "خديجة", "Khadija")
                + row(twiceOther, "نادية", "Nadia")).getBytes(StandardCharsets.UTF_8);

        JsonNode dry = importAndWait(file, "repeats.csv", Map.of("kind", "artisans"), "?dryRun=true");
        assertThat(dry.get("accepted").asLong()).as(dry.toString()).isEqualTo(3);
        assertThat(dry.get("alreadyPresent").asLong()).isEqualTo(1);
        assertThat(dry.get("rejected").asLong()).isEqualTo(1);
        String dryErrors = new String(http.download(dry.get("links").get("errors").asText(), clerk07, "text/csv").body(),
                StandardCharsets.UTF_8);
        assertThat(dryErrors.lines().skip(1)).singleElement().asString().startsWith("6,")
                .contains("Ce CIN est déjà inscrit");
        assertThat(reservations.holderOf(vault.cinFingerprint(twiceSame))).isEmpty();

        JsonNode real = importAndWait(file, "repeats.csv", Map.of("kind", "artisans"), "");
        for (String count : List.of("rowsRead", "accepted", "alreadyPresent", "rejected")) {
            assertThat(real.get(count).asLong()).as(count).isEqualTo(dry.get(count).asLong());
        }
    }

    /**
     * The command line's direct mode runs the same request again after its process died: the unfinished job resumes
     * after its last committed row, and the rows after it, registered before the crash but not committed, count as
     * accepted once, as they did.
     */
    @Test
    void theSameRequestAfterACrashResumesTheUnfinishedJob(@TempDir Path temp) throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 6; i++) {
            csv.append(row(cin(), "فاطمة", "Fatima"));
        }
        Path file = Files.writeString(temp.resolve("resume.csv"), csv, StandardCharsets.UTF_8);
        Imports.Request request = new Imports.Request(Imports.Upload.of(file), "artisans", "MA-07", null, false,
                "import-cli", null);
        Imports.Started first = imports.start(request);
        JsonNode done = waitFor("/api/v1/imports/" + first.job().id());
        assertThat(done.get("accepted").asLong()).isEqualTo(6);
        ImportJob finished = jobs.find(first.job().id()).orElseThrow();
        // As the job was stored when its process died: rows 2 to 4 committed, rows 5 to 7 registered but not counted.
        jobs.save(new ImportJob(finished.id(), finished.kind(), finished.regionCode(), false, finished.fileName(),
                finished.format(), finished.encoding(), ImportStatus.RUNNING, null, 3, 3, 0, 0, 0,
                finished.bytesTotal(), finished.startedAt(), null, finished.submittedBy(), null,
                finished.fileSha256(), 4, 0));

        Imports.Started again = imports.startOrResume(request);

        assertThat(again.earlier()).isTrue();
        assertThat(again.job().id()).isEqualTo(first.job().id());
        JsonNode resumed = waitFor("/api/v1/imports/" + first.job().id());
        assertThat(resumed.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(resumed.get("rowsRead").asLong()).isEqualTo(6);
        assertThat(resumed.get("accepted").asLong()).isEqualTo(6);
        assertThat(resumed.get("alreadyPresent").asLong()).isZero();
        Imports.Started anew = imports.startOrResume(request);
        assertThat(anew.earlier()).as("a finished job is not resumed: the file imports anew").isFalse();
        assertThat(waitFor("/api/v1/imports/" + anew.job().id()).get("alreadyPresent").asLong()).isEqualTo(6);
    }

    @Test
    void refusedRequestsAreProblemsAndStoreNothing() {
        long jobsBefore = database.getCollection("import_jobs").countDocuments();
        byte[] file = (HEADER + row(cin(), "فاطمة", "Fatima")).getBytes(StandardCharsets.UTF_8);
        Response badKind = http.upload("/api/v1/imports", clerk07, Map.of("kind", "camels"), "a.csv", file, Map.of());
        Response empty = http.upload("/api/v1/imports", clerk07, Map.of("kind", "artisans"), "a.csv", new byte[0], Map.of());
        Response headerOnly = http.upload("/api/v1/imports", clerk07, Map.of("kind", "artisans"), "a.csv",
                HEADER.getBytes(StandardCharsets.UTF_8), Map.of());
        Response missingColumns = http.upload("/api/v1/imports", clerk07, Map.of("kind", "artisans"), "a.csv",
                "cin,gender\nAB1,F\n".getBytes(StandardCharsets.UTF_8), Map.of());
        Response otherRegion = http.upload("/api/v1/imports", clerk07, Map.of("kind", "artisans", "regionCode", "MA-03"),
                "a.csv", file, Map.of());
        Response analyst = http.upload("/api/v1/imports", http.token("import-analyst", "MINISTRY_ANALYST", null),
                Map.of("kind", "artisans"), "a.csv", file, Map.of());
        for (Response refused : List.of(badKind, empty, headerOnly, missingColumns)) {
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(missingColumns.body().toString()).contains("first_name_ar");
        assertThat(otherRegion.status()).isEqualTo(403);
        assertThat(analyst.status()).isEqualTo(403);
        assertThat(database.getCollection("import_jobs").countDocuments()).isEqualTo(jobsBefore);
    }

    /** docs/imports/artisans-example.csv: three rows a chamber may import and one that shows the reasons. */
    @Test
    void theDocumentedExampleChecksAsItSays() throws Exception {
        byte[] example = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("..", "docs", "imports",
                "artisans-example.csv"));
        JsonNode dry = importAndWait(example, "artisans-example.csv", Map.of("kind", "artisans"), "?dryRun=true");
        assertThat(dry.get("accepted").asLong()).as(dry.toString()).isEqualTo(3);
        assertThat(dry.get("rejected").asLong()).isEqualTo(1);
    }

    @Test
    void anUploadIsNotHeldToTheJsonBodyLimit() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 1500; i++) {
            csv.append(row("BAD" + i, "فاطمة", "Fatima"));
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(file.length).isGreaterThan(64 * 1024);
        JsonNode done = importAndWait(file, "large.csv", Map.of("kind", "artisans"), "?dryRun=true");
        assertThat(done.get("rejected").asLong()).isEqualTo(1500);
        String errorsCsv = new String(http.download(done.get("links").get("errors").asText(), clerk07, "text/csv").body(),
                StandardCharsets.UTF_8);
        assertThat(errorsCsv.lines().count()).isEqualTo(1501);
    }

    @Test
    void theTemplateHasTheColumnsAndAnExampleThatImports() {
        HttpResponse<byte[]> template = http.download("/api/v1/imports/templates/artisans", clerk07, "text/csv");
        assertThat(template.statusCode()).isEqualTo(200);
        String text = new String(template.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF" + HEADER.strip());
        assertThat(text.lines().count()).isEqualTo(2);
        assertThat(http.download("/api/v1/imports/templates/camels", clerk07, "text/csv").statusCode()).isEqualTo(404);
        JsonNode dry = importAndWait(template.body(), "template.csv", Map.of("kind", "artisans"), "?dryRun=true");
        assertThat(dry.get("rejected").asLong()).as(dry.toString()).isZero();
    }

    @Test
    void theSameIdempotencyKeyAnswersWithTheSameJobAndTwoJobsWithOneCinRegisterItOnce() throws Exception {
        byte[] file = (HEADER + row(cin(), "فاطمة", "Fatima")).getBytes(StandardCharsets.UTF_8);
        Response first = http.upload("/api/v1/imports", clerk07, Map.of("kind", "artisans"), "a.csv", file,
                Map.of("Idempotency-Key", "import-key-" + System.nanoTime()));
        assertThat(first.status()).isEqualTo(202);

        String cin = cin();
        byte[] same = (HEADER + row(cin, "فاطمة", "Fatima")).getBytes(StandardCharsets.UTF_8);
        List<Response> started = CommandHttp.concurrently(List.of(
                () -> http.upload("/api/v1/imports", clerk07, Map.of("kind", "artisans"), "x.csv", same, Map.of()),
                () -> http.upload("/api/v1/imports", clerk07, Map.of("kind", "artisans"), "y.csv", same, Map.of())));
        long accepted = 0;
        long alreadyPresent = 0;
        for (Response job : started) {
            assertThat(job.status()).isEqualTo(202);
            JsonNode done = waitFor(job.location());
            accepted += done.get("accepted").asLong();
            alreadyPresent += done.get("alreadyPresent").asLong();
        }
        assertThat(accepted).isEqualTo(1);
        assertThat(alreadyPresent).isEqualTo(1);
    }

    @Test
    void theReportIsAPageOrJson() {
        JsonNode done = importAndWait((HEADER + row(cin(), "فاطمة", "Fatima")).getBytes(StandardCharsets.UTF_8), "r.csv",
                Map.of("kind", "artisans"), "");
        HttpResponse<byte[]> page = http.download(done.get("links").get("report").asText(), clerk07, "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("Rapport d'import").contains("r.csv");
        HttpResponse<byte[]> json = http.download(done.get("links").get("report").asText(), clerk07, "application/json");
        assertThat(new String(json.body(), StandardCharsets.UTF_8)).contains("\"accepted\":1");
        String otherClerk = http.token("import-clerk-03", "CHAMBER_CLERK", "MA-03");
        assertThat(http.get("/api/v1/imports/" + done.get("id").asText(), otherClerk).status()).isEqualTo(403);
    }

    private JsonNode importAndWait(byte[] file, String name, Map<String, String> fields, String query) {
        return new ImportClient(http, clerk07).importAndWait(file, name, fields, query);
    }

    private JsonNode waitFor(String location) {
        return new ImportClient(http, clerk07).waitFor(location);
    }

    private static byte[] withBom(byte[] bom, byte[] text) {
        byte[] all = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(text, 0, all, bom.length, text.length);
        return all;
    }
}
