package ma.crafts.register.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import ma.crafts.register.platform.testapp.Http;
import ma.crafts.register.platform.testapp.WebTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests that Tomcat refuses before any filter or controller runs are answered with problem+json too. Sent over a raw
 * socket: an HTTP client library would escape or refuse these request targets itself.
 */
class ServerRefusalTest extends WebTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/artisans/a%2Fb", "/api/v1/artisans/a%5Cb", "/api/v1/artisans/%", "/api/v1/artisans/a|b",
            "/api/v1/artisans/a%00b"})
    void aRequestTargetTomcatRefusesIsAProblem(String target) throws IOException {
        assertRefusedAsProblem(rawGet(target, ""), target);
    }

    @Test
    void aHeaderOverTheServersLimitIsAProblem() throws IOException {
        String target = "/api/v1/artisans/a";
        assertRefusedAsProblem(rawGet(target, "X-Padding: " + "x".repeat(64 * 1024) + "\r\n"), target);
    }

    private static void assertRefusedAsProblem(Http.Response response, String target) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("type").asText()).isEqualTo(Problem.VALIDATION);
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank().doesNotContain("a%2Fb", "a|b");
        // A request line Tomcat could not read has no target to name.
        if (body.has("instance")) {
            assertThat(body.get("instance").asText()).isEqualTo(target);
        }
    }

    private Http.Response rawGet(String target, String extraHeaders) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extraHeaders + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            String[] head = answer.substring(0, headEnd).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim(), List.of(head[i].substring(colon + 1).trim()));
            }
            return new Http.Response(status, headers, answer.substring(headEnd + 4));
        }
    }
}
