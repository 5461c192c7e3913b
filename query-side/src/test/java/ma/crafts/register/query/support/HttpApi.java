package ma.crafts.register.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real HTTP client against the running service, with dev tokens per role. */
public final class HttpApi {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final Map<String, String> tokens = new HashMap<>();

    public HttpApi(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A response with its body parsed as JSON (null when empty or not JSON). */
    public record Response(int status, HttpResponse<byte[]> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }
    }

    /** A dev token for {@code roles} (and {@code region} for clerks), issued once and cached. */
    public String token(String subject, List<String> roles, String region) {
        String cacheKey = subject + roles + region;
        return tokens.computeIfAbsent(cacheKey, k -> {
            Map<String, Object> request = new HashMap<>();
            request.put("subject", subject);
            request.put("roles", roles);
            if (region != null) {
                request.put("region", region);
            }
            Response response = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/dev/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(write(request), StandardCharsets.UTF_8)).build());
            if (response.status() != 201) {
                throw new IllegalStateException("Cannot get a dev token: " + response.status() + " " + response.text());
            }
            return response.body().get("token").asText();
        });
    }

    public Response get(String path, String token) {
        return get(path, token, "application/json");
    }

    /** A GET accepting {@code mediaType} or a problem; only a JSON answer is parsed into {@link Response#body()}. */
    public Response get(String path, String token, String mediaType) {
        return send(request(path, token, mediaType).GET().build());
    }

    /** A JSON GET with further request headers. */
    public Response get(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token, "application/json");
        headers.forEach(request::header);
        return send(request.GET().build());
    }

    /** A POST without a body. */
    public Response post(String path, String token) {
        return send(request(path, token, "application/json").POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A POST of {@code body} as JSON. */
    public Response post(String path, String token, Object body) {
        return send(request(path, token, "application/json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    private HttpRequest.Builder request(String path, String token, String mediaType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", mediaType + ", application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode body = response.body().length == 0 || !isJson ? null : json.readTree(response.body());
            return new Response(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
