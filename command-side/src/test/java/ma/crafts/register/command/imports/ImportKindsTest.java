package ma.crafts.register.command.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import ma.crafts.register.command.CommandSideApplication;
import ma.crafts.register.command.body.ProfessionalBodyId;
import ma.crafts.register.command.support.CommandHttp;
import ma.crafts.register.command.support.CommandHttp.Response;
import ma.crafts.register.command.support.Requests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Imports of cooperatives, enterprises, cards and memberships over real HTTP: per kind good, bad and already present
 * rows, the errors file, and a second import of the same file appending nothing.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "register.data-dir=target/import-api-test-data")
class ImportKindsTest {
    /** Time-dependent, so that a rerun against the same database meets no name it imported. */
    private static final AtomicInteger NAMES = new AtomicInteger((int) (System.nanoTime() % 1_000_000));
    static final String ACTOR_HEADER = "name_ar,name_fr,activity_codes,activity_code,province_code,cin,first_name_ar,"
            + "first_name_fr,last_name_ar,last_name_fr,birth_date,gender,phone,address";

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;
    @Autowired
    List<RowMapper> mappers;
    @Autowired
    RowActor rowActor;

    private CommandHttp http;
    private String clerk07;
    private ImportClient imports;

    @BeforeEach
    void tokens() {
        http = new CommandHttp(port);
        clerk07 = http.token("import-kinds-clerk", "CHAMBER_CLERK", "MA-07");
        imports = new ImportClient(http, clerk07);
    }

    @Test
    void cooperatives() {
        String present = cooperativeRow(uniqueName(), Requests.uniqueCin("CO"), "+212612345678");
        assertThat(importFile("cooperatives", present).get("accepted").asLong()).isEqualTo(1);
        String[] taken = present.split(",", 3);
        byte[] file = csv(ACTOR_HEADER, cooperativeRow(uniqueName(), Requests.uniqueCin("CO"), "+212612345678"),
                cooperativeRow(uniqueName(), "12BAD", "+212612345678").replace("B04-002", "B04-002 B04-002"),
                present, cooperativeRow(taken[0] + "," + taken[1], Requests.uniqueCin("CO"), "+212600000000"));
        long keysBefore = database.getCollection("import_keys").countDocuments();

        JsonNode done = imports.importAndWait(file, "cooperatives.csv", Map.of("kind", "cooperatives"), "");
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("kind").asText()).isEqualTo("cooperatives");
        assertThat(done.get("rowsRead").asLong()).isEqualTo(4);
        assertThat(done.get("accepted").asLong()).isEqualTo(1);
        assertThat(done.get("alreadyPresent").asLong()).isEqualTo(1);
        assertThat(done.get("rejected").asLong()).isEqualTo(2);
        assertThat(database.getCollection("import_keys").countDocuments()).isEqualTo(keysBefore + 1);

        String errors = imports.errors(done);
        assertThat(errors).startsWith("\uFEFFrow," + ACTOR_HEADER + ",reason_fr,reason_ar\r\n");
        assertThat(errors).contains(",MA-HAO,***,***,***,***,***,***,F,***,***,")
                .contains("cin : doit comporter 1 ou 2 lettres suivies de 1 à 6 chiffres")
                .contains("activity_codes : ne doit pas citer deux fois la même activité")
                .contains("cin: يجب أن يتكون من حرف أو حرفين")
                .contains("5,").contains("name_fr : une coopérative de ce nom est déjà inscrite dans cette province")
                .contains("name_fr: تعاونية بهذا الاسم مسجلة بالفعل")
                .doesNotContain("12BAD").doesNotContain("+212600000000");

        JsonNode again = imports.importAndWait(file, "cooperatives.csv", Map.of("kind", "cooperatives"), "");
        assertThat(again.get("accepted").asLong()).isZero();
        assertThat(again.get("alreadyPresent").asLong()).isEqualTo(2);
        assertThat(again.get("rejected").asLong()).isEqualTo(2);
        assertThat(database.getCollection("import_keys").countDocuments()).isEqualTo(keysBefore + 1);
    }

    @Test
    void enterprisesNameTheirSupervisorByCinOrNia() {
        String supervisorCin = Requests.uniqueCin("SU");
        Response supervisor = registerArtisan(supervisorCin, clerk07, "MA-MAR");
        String supervisorNia = supervisor.body().get("nia").asText();
        String fesCin = Requests.uniqueCin("SF");
        registerArtisan(fesCin, http.token("import-kinds-clerk-fes", "CHAMBER_CLERK", "MA-03"), "MA-FES");
        String header = enterpriseHeader();
        String present = enterpriseRow(uniqueName(), supervisorCin, "");
        assertThat(importFile("enterprises", header, present).get("accepted").asLong()).isEqualTo(1);
        byte[] file = csv(header, enterpriseRow(uniqueName(), "", supervisorNia), present,
                enterpriseRow(uniqueName(), Requests.uniqueCin("NO"), ""), enterpriseRow(uniqueName(), fesCin, ""),
                enterpriseRow(uniqueName(), "", ""));

        JsonNode done = imports.importAndWait(file, "enterprises.csv", Map.of("kind", "enterprises"), "");
        assertThat(done.get("accepted").asLong()).as(done.toString()).isEqualTo(1);
        assertThat(done.get("alreadyPresent").asLong()).isEqualTo(1);
        assertThat(done.get("rejected").asLong()).isEqualTo(3);
        String errors = imports.errors(done);
        assertThat(errors).startsWith("\uFEFFrow,name_ar,name_fr,activity_codes,activity_code,supervisor_cin,"
                + "supervisor_nia,province_code,cin,");
        assertThat(errors.lines().filter(line -> line.contains(
                "supervisor_cin : aucun artisan de la région n'est inscrit sous ce CIN ou ce NIA")).count())
                .as("an unknown artisan and another region's are answered alike").isEqualTo(2);
        assertThat(errors).contains("supervisor_cin : indiquer le CIN ou le NIA de l'artisan")
                .contains("لا يوجد صانع تقليدي من الجهة مسجل").doesNotContain(fesCin);

        JsonNode again = imports.importAndWait(file, "enterprises.csv", Map.of("kind", "enterprises"), "");
        assertThat(again.get("accepted").asLong()).isZero();
        assertThat(again.get("alreadyPresent").asLong()).isEqualTo(2);
        assertThat(again.get("rejected").asLong()).isEqualTo(3);
    }

    @Test
    void cardsNameTheirArtisanByCinOrNia() {
        String byCin = Requests.uniqueCin("CA");
        String byNia = registerArtisan(Requests.uniqueCin("CB"), clerk07, "MA-MAR").body().get("nia").asText();
        registerArtisan(byCin, clerk07, "MA-MAR");
        String holderCin = Requests.uniqueCin("CC");
        String holder = registerArtisan(holderCin, clerk07, "MA-MAR").body().get("artisanId").asText();
        assertThat(http.post("/api/v1/artisans/" + holder + "/cards", clerk07, null).status()).isEqualTo(201);
        String fesCin = Requests.uniqueCin("CF");
        registerArtisan(fesCin, http.token("import-kinds-clerk-fes", "CHAMBER_CLERK", "MA-03"), "MA-FES");
        byte[] file = csv("artisan_cin,artisan_nia", byCin + ",", "," + byNia, holderCin + ",", fesCin + ",",
                Requests.uniqueCin("CN") + ",", byCin + "," + byNia);

        JsonNode done = imports.importAndWait(file, "cards.csv", Map.of("kind", "cards"), "");
        assertThat(done.get("accepted").asLong()).as(done.toString()).isEqualTo(2);
        assertThat(done.get("alreadyPresent").asLong()).isEqualTo(1);
        assertThat(done.get("rejected").asLong()).isEqualTo(3);
        String errors = imports.errors(done);
        assertThat(errors).startsWith("\uFEFFrow,artisan_cin,artisan_nia,reason_fr,reason_ar\r\n")
                .contains("5,***,,artisan_cin : aucun artisan de la région n'est inscrit sous ce CIN ou ce NIA")
                .contains("6,***,,artisan_cin : aucun artisan")
                .contains("7,***," + byNia + ",artisan_nia : le CIN et le NIA désignent des artisans différents")
                .doesNotContain(fesCin).doesNotContain(byCin);
        assertThat(http.post("/api/v1/artisans/" + holder + "/cards", clerk07, null).rule()).isEqualTo("one-valid-card");

        JsonNode again = imports.importAndWait(file, "cards.csv", Map.of("kind", "cards"), "");
        assertThat(again.get("accepted").asLong()).isZero();
        assertThat(again.get("alreadyPresent").asLong()).isEqualTo(3);
        assertThat(again.get("rejected").asLong()).isEqualTo(3);
    }

    @Test
    void membershipsNameTheArtisanByCinOrNiaAndTheBodyById() {
        String admin = http.token("import-kinds-admin", "REGISTRY_ADMIN", null);
        String body = constitute(admin, "MA-MAR");
        String fesBody = constitute(admin, "MA-FES");
        String byCin = Requests.uniqueCin("MA");
        registerArtisan(byCin, clerk07, "MA-MAR");
        String byNia = registerArtisan(Requests.uniqueCin("MB"), clerk07, "MA-MAR").body().get("nia").asText();
        String memberCin = Requests.uniqueCin("MC");
        String member = registerArtisan(memberCin, clerk07, "MA-MAR").body().get("artisanId").asText();
        assertThat(http.post("/api/v1/artisans/" + member + "/memberships", clerk07, Map.of("bodyId", body)).status())
                .isEqualTo(201);
        byte[] file = csv("artisan_cin,artisan_nia,body_id", byCin + ",," + body, "," + byNia + "," + body,
                memberCin + ",," + body, Requests.uniqueCin("MN") + ",," + body, memberCin + ",," + fesBody,
                memberCin + ",,");

        JsonNode done = imports.importAndWait(file, "memberships.csv", Map.of("kind", "memberships"), "");
        assertThat(done.get("accepted").asLong()).as(done.toString()).isEqualTo(2);
        assertThat(done.get("alreadyPresent").asLong()).isEqualTo(1);
        assertThat(done.get("rejected").asLong()).isEqualTo(3);
        String errors = imports.errors(done);
        assertThat(errors).startsWith("\uFEFFrow,artisan_cin,artisan_nia,body_id,reason_fr,reason_ar\r\n")
                .contains("5,***,," + body + ",artisan_cin : aucun artisan de la région")
                .contains("6,***,," + fesBody + ",body_id : un agent de la région MA-07 ne peut désigner que les "
                        + "corporations professionnelles de sa région")
                .contains("7,***,,,body_id : est obligatoire,body_id: إلزامي")
                .doesNotContain(memberCin);

        JsonNode again = imports.importAndWait(file, "memberships.csv", Map.of("kind", "memberships"), "");
        assertThat(again.get("accepted").asLong()).isZero();
        assertThat(again.get("alreadyPresent").asLong()).isEqualTo(3);
        assertThat(again.get("rejected").asLong()).isEqualTo(3);
    }

    /**
     * A row run again under its own record id (a job resumed after a crash) counts as it did the first time; the same
     * row in another job finds the record and is already present.
     */
    @Test
    void aCooperativeRowRunAgainAfterACrashCountsAsAccepted() {
        RowMapper cooperatives = mappers.stream().filter(mapper -> mapper.kind() == ImportKind.COOPERATIVES)
                .findFirst().orElseThrow();
        List<String> header = List.of(ACTOR_HEADER.split(","));
        List<String> values = List.of(cooperativeRow(uniqueName(), Requests.uniqueCin("CR"), "+212612345678")
                .split(","));
        Map<String, String> byColumn = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            byColumn.put(header.get(i), values.get(i));
        }
        String job = "crashed-job-" + System.nanoTime();
        SecurityContextHolder.setContext(rowActor.clerkOf("import-kinds-clerk", "MA-07"));
        try {
            assertThat(cooperatives.apply(new ImportedRow(job, 2, byColumn), false)).isEqualTo(RowOutcome.ACCEPTED);
            assertThat(cooperatives.apply(new ImportedRow(job, 2, byColumn), false)).isEqualTo(RowOutcome.ACCEPTED);
            assertThat(cooperatives.apply(new ImportedRow("another-" + job, 2, byColumn), false))
                    .isEqualTo(RowOutcome.ALREADY_PRESENT);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Each kind's template, and its documented example (docs/imports/) with the template's header. */
    @Test
    void eachKindHasATemplateAndAnExample() throws Exception {
        for (String kind : new String[]{"cooperatives", "enterprises", "cards", "memberships"}) {
            HttpResponse<byte[]> template = http.download("/api/v1/imports/templates/" + kind, clerk07, "text/csv");
            assertThat(template.statusCode()).isEqualTo(200);
            List<String> lines = new String(template.body(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSize(2);
            String example = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "imports",
                    kind + "-example.csv"));
            assertThat(example.lines().findFirst()).as(kind).contains(lines.get(0));
        }
        HttpResponse<byte[]> cooperatives = http.download("/api/v1/imports/templates/cooperatives", clerk07, "text/csv");
        assertThat(new String(cooperatives.body(), StandardCharsets.UTF_8)).startsWith("\uFEFF" + ACTOR_HEADER);
        JsonNode dry = imports.importAndWait(cooperatives.body(), "template.csv", Map.of("kind", "cooperatives"),
                "?dryRun=true");
        assertThat(dry.get("rejected").asLong()).as(dry.toString()).isZero();
    }

    /** docs/imports/cooperatives-example.csv: two rows a chamber may import and one that shows the reasons. */
    @Test
    void theDocumentedCooperativesExampleChecksAsItSays() throws Exception {
        byte[] example = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("..", "docs", "imports",
                "cooperatives-example.csv"));
        JsonNode dry = imports.importAndWait(example, "cooperatives-example.csv", Map.of("kind", "cooperatives"),
                "?dryRun=true");
        assertThat(dry.get("accepted").asLong()).as(dry.toString()).isEqualTo(2);
        assertThat(dry.get("rejected").asLong()).isEqualTo(1);
    }

    private JsonNode importFile(String kind, String header, String... rows) {
        return imports.importAndWait(csv(header, rows), kind + ".csv", Map.of("kind", kind), "");
    }

    private JsonNode importFile(String kind, String row) {
        return importFile(kind, ACTOR_HEADER, row);
    }

    private Response registerArtisan(String cin, String clerk, String province) {
        Response response = http.post("/api/v1/artisans", clerk, Requests.artisanRegistration(cin, province,
                "B08-001", Map.of("route", "EXPERIENCE", "yearsOfPractice", 12)));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response;
    }

    /** The provincial body of the artisans' branch (B08) in {@code province}, constituted unless it was. */
    private String constitute(String admin, String province) {
        Response constituted = http.post("/api/v1/professional-bodies", admin,
                Requests.professionalBody("PROVINCIAL", "B08", province));
        assertThat(constituted.status()).as(constituted.body().toString()).isIn(201, 409);
        return ProfessionalBodyId.of("B08", province);
    }

    private static byte[] csv(String header, String... rows) {
        return (header + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An Arabic and a French name no other call gives: the counter's digits as letters of either script. */
    private static String uniqueName() {
        String digits = Integer.toString(NAMES.incrementAndGet());
        StringBuilder ar = new StringBuilder("تعاونية ");
        StringBuilder fr = new StringBuilder("Atelier ");
        for (char digit : digits.toCharArray()) {
            ar.append("ابتثجحخدذر".charAt(digit - '0'));
            fr.append((char) ('a' + digit - '0'));
        }
        return ar + "," + fr;
    }

    private static String cooperativeRow(String names, String cin, String phone) {
        return names + ",B04-002,,MA-HAO," + cin + ",خديجة,Khadija,أيت علي,Ait Ali,1979-05-14,F," + phone
                + ",Douar Tameslohte";
    }

    private static String enterpriseHeader() {
        return ACTOR_HEADER.replace("activity_code,", "activity_code,supervisor_cin,supervisor_nia,");
    }

    private static String enterpriseRow(String names, String supervisorCin, String supervisorNia) {
        return names + ",B08-001,," + supervisorCin + "," + supervisorNia + ",MA-MAR," + Requests.uniqueCin("RE")
                + ",يوسف,Youssef,العلوي,Alaoui,1975-11-02,M,+212612345678,Sidi Ghanem";
    }
}
