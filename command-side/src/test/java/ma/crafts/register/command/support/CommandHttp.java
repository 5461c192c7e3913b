package ma.crafts.register.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A chamber's HTTP client of the command API, for tests over a random port. */
public final class CommandHttp {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final int port;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public CommandHttp(int port) {
        this.port = port;
    }

    public record Response(int status, JsonNode body, String location, String contentType) {
        public String type() {
            return body.path("type").asText();
        }

        public String rule() {
            return body.path("rule").asText();
        }
    }

    public String token(String subject, String role, String region) {
        return tokens.computeIfAbsent(subject + "|" + role + "|" + region, key -> {
            Map<String, Object> request = new HashMap<>();
            request.put("subject", subject);
            request.put("roles", List.of(role));
            if (region != null) {
                request.put("region", region);
            }
            Response response = send("POST", "/api/v1/dev/tokens", null, request);
            if (response.status() != 201) {
                throw new IllegalStateException("dev token refused: " + response);
            }
            return response.body().get("token").asText();
        });
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Response send(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String rawJson ? rawJson
                            : JSON.writeValueAsString(body), StandardCharsets.UTF_8));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            return exchange(request, token);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response exchange(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), json, response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A {@code multipart/form-data} POST: the text {@code fields}, then {@code file} as the part named "file". */
    public Response upload(String path, String token, Map<String, String> fields, String fileName, byte[] file,
                           Map<String, String> headers) {
        String boundary = "----register-test-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (file != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary);
        headers.forEach(request::header);
        return exchange(request, token);
    }

    /** A GET of a document that is not JSON (a CSV, a page): status, type and bytes. */
    public HttpResponse<byte[]> download(String path, String token, String accept) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                    .header("Accept", accept);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Makes the calls at the same moment, one thread each, and returns their responses in the order of the calls. */
    public static List<Response> concurrently(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
