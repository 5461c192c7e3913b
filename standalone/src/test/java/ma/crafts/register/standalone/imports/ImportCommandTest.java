package ma.crafts.register.standalone.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import command line against a small HTTP server that plays the register's side of the agreed import contract
 * (POST /api/v1/imports, GET /api/v1/imports/{id} and its errors): what it uploads, how it follows the job, what it
 * prints and how it exits.
 */
class ImportCommandTest {
    private static final String JOB = "imp-0001";
    private static final String ERRORS_CSV = "\uFEFFrow,cin,firstName.ar,reason_fr,reason_ar\r\n"
            + "3,E***56,***,CIN invalide,رقم البطاقة غير صالح\r\n";
    private static final byte[] FILE = ("\uFEFFcin,firstName.ar,firstName.fr\r\nEE123456,فاطمة,Fatima\r\n")
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;
    private Path file;
    private HttpServer server;
    private String url;
    /** The answers to GET /api/v1/imports/{id}, in turn; the last one repeats. */
    private final Deque<Answer> statuses = new ArrayDeque<>();
    private Answer uploadAnswer;
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    record Answer(int status, String contentType, String body) {
    }

    record Upload(String query, String authorization, String idempotencyKey, String contentType, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void aRegisterPlayingTheImportContract() throws IOException {
        file = Files.write(temp.resolve("artisans-tanger.csv"), FILE);
        uploadAnswer = new Answer(202, "application/json", status("QUEUED", 0, 0, 0, 0, null));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/imports", this::serve);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Answer answer;
        if (exchange.getRequestMethod().equals("POST") && path.equals("/api/v1/imports")) {
            uploads.add(new Upload(exchange.getRequestURI().getQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes()));
            answer = uploadAnswer;
            exchange.getResponseHeaders().add("Location", "/api/v1/imports/" + JOB);
        } else if (path.equals("/api/v1/imports/" + JOB)) {
            answer = statuses.size() > 1 ? statuses.poll() : statuses.peek();
        } else if (path.equals("/api/v1/imports/" + JOB + "/errors")) {
            answer = new Answer(200, "text/csv; charset=UTF-8", ERRORS_CSV);
        } else {
            answer = new Answer(404, "application/problem+json", "{\"title\":\"Not Found\"}");
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String status(String status, long rowsRead, long accepted, long rejected, long bytesRead, String failure) {
        return """
                {"id":"%s","kind":"artisans","regionCode":"MA-01","dryRun":false,"fileName":"artisans-tanger.csv",
                 "format":"csv","encoding":"utf-8","status":"%s","failure":%s,"rowsRead":%d,"accepted":%d,
                 "rejected":%d,"alreadyPresent":0,"bytesRead":%d,"bytesTotal":1000,"rowsPerSecond":812.5,
                 "etaSeconds":%s,"startedAt":"2026-12-07T17:00:00Z","finishedAt":null,
                 "links":{"errors":"/api/v1/imports/%s/errors","report":"/api/v1/imports/%s/report"}}"""
                .formatted(JOB, status, failure == null ? "null" : "\"" + failure + "\"", rowsRead, accepted, rejected,
                        bytesRead, status.equals("RUNNING") ? "75" : "null", JOB, JOB);
    }

    private void statusesInTurn(String... bodies) {
        for (String body : bodies) {
            statuses.add(new Answer(200, "application/json", body));
        }
    }

    private int importCommand(boolean terminal, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = file.toString();
        all[1] = "--url=" + url;
        all[2] = "--poll-seconds=0.01";
        System.arraycopy(args, 0, all, 3, args.length);
        return ImportCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), terminal, all);
    }

    @Test
    void uploadsTheFileAsMultipart_followsTheJobToItsEnd_andSavesTheRejectedRows() throws IOException {
        statusesInTurn(status("RUNNING", 400, 390, 10, 300, null), status("RUNNING", 900, 880, 20, 700, null),
                status("COMPLETED", 1200, 1170, 30, 1000, null));
        Path errors = temp.resolve("rejected.csv");

        int exit = importCommand(false, "--kind=artisans", "--region=MA-01", "--token=clerk-token",
                "--errors-to=" + errors);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(uploads).hasSize(1);
        Upload upload = uploads.get(0);
        assertThat(upload.query()).isNull();
        assertThat(upload.authorization()).isEqualTo("Bearer clerk-token");
        assertThat(upload.idempotencyKey()).matches("[0-9a-f-]{36}");
        assertThat(upload.contentType()).startsWith("multipart/form-data; boundary=");
        String boundary = upload.contentType().substring(upload.contentType().indexOf("boundary=") + 9);
        assertThat(upload.bodyText())
                .contains("Content-Disposition: form-data; name=\"kind\"\r\n\r\nartisans\r\n")
                .contains("Content-Disposition: form-data; name=\"regionCode\"\r\n\r\nMA-01\r\n")
                .contains("Content-Disposition: form-data; name=\"file\"; filename=\"artisans-tanger.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n" + new String(FILE, StandardCharsets.UTF_8) + "\r\n--"
                        + boundary + "--\r\n")
                .doesNotContain("name=\"encoding\"");
        assertThat(out.toString()).contains("COMPLETED import imp-0001: 1,200 rows read, 1,170 accepted, 30 rejected, "
                        + "0 already present")
                .contains("rejected rows: " + url + "/api/v1/imports/imp-0001/errors")
                .contains("rejected rows saved to " + errors);
        assertThat(Files.readString(errors, StandardCharsets.UTF_8)).isEqualTo(ERRORS_CSV);
        // Not a terminal: plain lines, no carriage returns, the running figures included.
        assertThat(err.toString()).doesNotContain("\r")
                .contains("RUNNING 30%: 400 rows (390 accepted, 10 rejected, 0 already present), 813 rows/s, ETA 1m15s");
    }

    @Test
    void onATerminal_aBarIsRewrittenInPlace() {
        statusesInTurn(status("RUNNING", 400, 390, 10, 500, null), status("COMPLETED", 1200, 1200, 0, 1000, null));

        int exit = importCommand(true, "--kind=artisans", "--dry-run");

        assertThat(exit).isZero();
        assertThat(uploads.get(0).query()).isEqualTo("dryRun=true");
        assertThat(err.toString()).contains("\r[###############...............]  50% 400 rows")
                .contains("\r[##############################] 100% 1,200 rows");
        assertThat(out.toString()).doesNotContain("rejected rows:");
    }

    @Test
    void aFailedJobEndsWithExitStatus1AndItsReason() {
        statusesInTurn(status("RUNNING", 10, 10, 0, 10, null),
                status("FAILED", 20, 10, 0, 20, "the file is not a CSV nor an xlsx workbook"));

        int exit = importCommand(false, "--kind=artisans", "--encoding=windows-1256");

        assertThat(exit).isEqualTo(ImportCommand.FAILED);
        assertThat(out.toString()).contains("FAILED import imp-0001 after 20 rows: the file is not a CSV nor an xlsx workbook");
        assertThat(uploads.get(0).bodyText()).contains("name=\"encoding\"\r\n\r\nwindows-1256\r\n");
    }

    @Test
    void aRegisterRestartingMeanwhileIsWaitedFor() {
        statuses.add(new Answer(503, "application/problem+json", "{\"title\":\"Service Unavailable\"}"));
        statuses.add(new Answer(503, "application/problem+json", "{\"title\":\"Service Unavailable\"}"));
        statusesInTurn(status("COMPLETED", 5, 5, 0, 1000, null));

        int exit = importCommand(false, "--kind=artisans");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).contains("register unreachable").contains("register reachable again");
    }

    @Test
    void aRefusedUploadSaysWhyAndEndsWithExitStatus3() {
        uploadAnswer = new Answer(403, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"a clerk imports its own region only\"}");

        int exit = importCommand(false, "--kind=artisans", "--region=MA-07");

        assertThat(exit).isEqualTo(ImportCommand.UNREACHABLE);
        assertThat(err.toString()).contains("HTTP 403 Forbidden: a clerk imports its own region only");
        assertThat(statuses).isEmpty();
    }

    @Test
    void aRegisterThatCannotBeReachedIsGivenUpOnAfterTheWaitAllowed() {
        server.stop(0);

        int exit = importCommand(false, "--kind=artisans", "--wait-seconds=0");

        assertThat(exit).isEqualTo(ImportCommand.UNREACHABLE);
        assertThat(err.toString()).contains("stayed unreachable");
    }

    @Test
    void anUnknownKindOrAMissingFileIsABadCommandLine_andNothingIsSent() {
        assertThat(importCommand(false, "--kind=craftsmen")).isEqualTo(2);
        assertThat(err.toString()).contains("--kind must be one of artisans, cooperatives");
        assertThat(ImportCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), false,
                temp.resolve("missing.csv").toString(), "--kind=artisans", "--url=" + url)).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read");
        assertThat(uploads).isEmpty();
    }
}
