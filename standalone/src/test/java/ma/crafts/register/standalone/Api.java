package ma.crafts.register.standalone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A chamber's, auditor's or ministry's HTTP client of the register, as they would code it against api.md. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    String token(String subject, List<String> roles, String region) {
        Map<String, Object> claims = region == null ? Map.of("subject", subject, "roles", roles)
                : Map.of("subject", subject, "roles", roles, "region", region);
        Reply reply = send("POST", "/api/v1/dev/tokens", null, claims);
        if (reply.status() != 201) {
            throw new IllegalStateException("dev token refused: " + reply.status() + " " + reply.body());
        }
        return reply.body().get("token").asText();
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null);
    }

    /** A GET of {@code path} once the read side has applied the position of the command that answered {@code after}. */
    Reply getAfter(String path, Reply after, String token) {
        return get(path + (path.contains("?") ? "&" : "?") + "minPosition=" + after.body().get("position").asLong(),
                token);
    }

    /** A GET of a document that is not JSON (a PDF): its status, type and bytes. */
    HttpResponse<byte[]> download(String path, String token) {
        return download(path, token, "*/*");
    }

    /** A GET asking for the media type {@code accept} (a CSV): its status, type and bytes. */
    HttpResponse<byte[]> download(String path, String token, String accept) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET().header("Accept", accept);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    Reply send(String method, String path, String token, Object body) {
        return send(method, path, token, body, Map.of());
    }

    /** A {@code multipart/form-data} body: text {@code fields} and one file, the part named "file". */
    record Upload(Map<String, String> fields, String fileName, byte[] file) {
        private static final String BOUNDARY = "register-test-upload";

        byte[] encode() {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            fields.forEach((name, value) -> body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
                    + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return body.toByteArray();
        }

        String contentType() {
            return "multipart/form-data; boundary=" + BOUNDARY;
        }
    }

    Reply send(String method, String path, String token, Object body, Map<String, String> headers) {
        if (body instanceof Upload upload) {
            return send(method, path, token, HttpRequest.BodyPublishers.ofByteArray(upload.encode()),
                    upload.contentType(), headers);
        }
        try {
            return sendRaw(method, path, token, body == null ? null : JSON.writeValueAsString(body), headers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code json} as it is, so that a test can send what no serializer would write (duplicate keys, lone surrogates). */
    Reply sendRaw(String method, String path, String token, String json) {
        return sendRaw(method, path, token, json, Map.of());
    }

    private Reply sendRaw(String method, String path, String token, String json, Map<String, String> headers) {
        return json == null ? send(method, path, token, HttpRequest.BodyPublishers.noBody(), null, headers)
                : send(method, path, token, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8),
                "application/json", headers);
    }

    private Reply send(String method, String path, String token, HttpRequest.BodyPublisher body, String contentType,
                       Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
            headers.forEach(request::header);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            request.method(method, body);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), parse(response.body()), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body as JSON, or as a text node when it is not JSON (an error page some layer wrote), so tests can show it. */
    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    static Map<String, Object> artisan(String cin, String provinceCode, String activityCode) {
        return Map.of("cin", cin,
                "firstName", Map.of("ar", "فاطمة", "fr", "Fatima"),
                "lastName", Map.of("ar", "الزهراء", "fr", "Zahra"),
                "birthDate", "1984-03-02", "gender", "F", "phone", "+212612345678",
                "address", "Derb Dabachi 12, Marrakech", "provinceCode", provinceCode, "activityCode", activityCode,
                "qualification", Map.of("route", "EXPERIENCE", "yearsOfPractice", 12));
    }

    static Map<String, Object> enterprise(String cin, String provinceCode, String activityCode,
                                          String supervisingArtisanId) {
        return Map.ofEntries(Map.entry("cin", cin),
                Map.entry("name", Map.of("ar", "مقاولة الزليج الفاسي", "fr", "Zellige de Fès SARL")),
                Map.entry("firstName", Map.of("ar", "يوسف", "fr", "Youssef")),
                Map.entry("lastName", Map.of("ar", "العلوي", "fr", "Alaoui")),
                Map.entry("birthDate", "1975-11-20"), Map.entry("gender", "M"), Map.entry("phone", "+212612345679"),
                Map.entry("address", "Quartier industriel Sidi Brahim, Fès"), Map.entry("provinceCode", provinceCode),
                Map.entry("activityCodes", List.of(activityCode)),
                Map.entry("supervisingArtisanId", supervisingArtisanId));
    }
}
