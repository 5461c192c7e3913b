package ma.crafts.register.standalone.imports;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The register's import API over HTTP ({@code POST /api/v1/imports}, {@code GET /api/v1/imports/{id}} and its errors).
 * The file is streamed from disk into the multipart body, so its size does not matter to this process. One instance
 * uploads one file: its {@code Idempotency-Key} names that upload, so the upload can be sent again after a lost answer
 * and the register starts one job.
 */
final class HttpImports implements ImportTarget {
    private static final String IMPORTS = "/api/v1/imports";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final URI base;
    private final String token;
    private final UUID idempotencyKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    HttpImports(URI base, String token, UUID idempotencyKey) {
        this.base = base;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.idempotencyKey = idempotencyKey;
    }

    @Override
    public JobStatus start(ImportRequest request) throws IOException, InterruptedException {
        String boundary = "register-import-" + UUID.randomUUID();
        List<BodyPublisher> parts = new ArrayList<>();
        parts.add(BodyPublishers.ofString(field(boundary, "kind", request.kind())));
        if (request.regionCode() != null) {
            parts.add(BodyPublishers.ofString(field(boundary, "regionCode", request.regionCode())));
        }
        if (request.encoding() != null) {
            parts.add(BodyPublishers.ofString(field(boundary, "encoding", request.encoding())));
        }
        parts.add(BodyPublishers.ofString(fileHeader(boundary, request.file()), StandardCharsets.UTF_8));
        parts.add(BodyPublishers.ofFile(request.file()));
        parts.add(BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        HttpRequest post = authorised(HttpRequest.newBuilder(base.resolve(IMPORTS + (request.dryRun() ? "?dryRun=true" : ""))))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Idempotency-Key", idempotencyKey.toString())
                .POST(BodyPublishers.concat(parts.toArray(BodyPublisher[]::new)))
                .build();
        return statusOf(http.send(post, BodyHandlers.ofString()));
    }

    @Override
    public JobStatus status(String jobId) throws IOException, InterruptedException {
        HttpRequest get = authorised(HttpRequest.newBuilder(base.resolve(IMPORTS + "/" + encoded(jobId))))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build();
        return statusOf(http.send(get, BodyHandlers.ofString()));
    }

    @Override
    public void saveErrors(JobStatus job, Path target) throws IOException, InterruptedException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        HttpRequest get = authorised(HttpRequest.newBuilder(errorsUri(job))).header("Accept", "text/csv").GET().build();
        HttpResponse<Path> response = http.send(get, BodyHandlers.ofFile(partial));
        if (response.statusCode() != 200) {
            String body = Files.readString(partial, StandardCharsets.UTF_8);
            Files.deleteIfExists(partial);
            throw refusal(response.statusCode(), body);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String errorsLocation(JobStatus job) {
        return errorsUri(job).toString();
    }

    private URI errorsUri(JobStatus job) {
        String link = job.link("errors");
        return base.resolve(link != null ? link : IMPORTS + "/" + encoded(job.id()) + "/errors");
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder request) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static JobStatus statusOf(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200 && response.statusCode() != 202) {
            throw refusal(response.statusCode(), response.body());
        }
        return JSON.readValue(response.body(), JobStatus.class);
    }

    private static Refused refusal(int status, String body) {
        String said = "";
        try {
            JsonNode problem = JSON.readTree(body);
            said = (problem.path("title").asText("") + ": " + problem.path("detail").asText("")).replaceAll("^: |: $", "");
        } catch (IOException notJson) {
            said = body == null ? "" : body.strip();
        }
        return new Refused("HTTP " + status + (said.isEmpty() ? "" : " " + said),
                status == 502 || status == 503 || status == 504);
    }

    private static String field(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static String fileHeader(String boundary, Path file) {
        String name = file.getFileName().toString();
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A") + "\"\r\nContent-Type: "
                + contentTypeOf(name) + "\r\n\r\n";
    }

    private static String contentTypeOf(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        return lower.endsWith(".csv") ? "text/csv" : "application/octet-stream";
    }

    private static String encoded(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
