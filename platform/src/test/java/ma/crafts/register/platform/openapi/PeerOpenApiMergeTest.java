package ma.crafts.register.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import ma.crafts.register.platform.testapp.Http;
import ma.crafts.register.platform.testapp.PlatformTestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Split deployment: the side that answers {@code /v3/api-docs} at the gateway documents the other side's operations too,
 * and says so with a 503 rather than publishing half the API while the other side is unreachable.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PeerOpenApiMergeTest {
    /**
     * What the command side documents, in the shape springdoc serves it (OpenAPI 3.1, with a 3.1 type list): one path
     * this side lacks, one it shares.
     */
    private static final String PEER_DOCUMENT = """
            {"openapi":"3.1.0","info":{"title":"Crafts Register API","version":"v1"},
             "paths":{
               "/api/v1/peer/things":{"post":{"operationId":"recordThing","summary":"Record a thing (peer)",
                 "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}},
                 "responses":{"201":{"description":"recorded"}}}},
               "/api/v1/test/whoami":{
                 "get":{"operationId":"peersWhoami","summary":"the peer's description","responses":{"200":{"description":"x"}}},
                 "delete":{"operationId":"forget","summary":"Forget me (peer)","responses":{"204":{"description":"gone"}}}}},
             "components":{"schemas":{"Thing":{"type":"object","properties":{"nameAr":{"type":["string","null"],"example":"زربية"}}},
                                      "Problem":{"type":"object","description":"the peer's copy"}}}}
            """;
    private static final HttpServer PEER = startPeer();
    private static volatile boolean peerUp;

    @LocalServerPort
    int port;

    private static HttpServer startPeer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v3/api-docs", exchange -> {
                byte[] body = (peerUp ? PEER_DOCUMENT : "{\"status\":503}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(peerUp ? 200 : 503, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void peer(DynamicPropertyRegistry registry) {
        registry.add("register.openapi.peer-url",
                () -> "http://127.0.0.1:" + PEER.getAddress().getPort() + "/v3/api-docs");
    }

    @AfterAll
    static void stopPeer() {
        PEER.stop(0);
    }

    @Test
    void theDocumentCoversBothSides_andIsRefusedWhileThePeerIsDown() {
        Http http = new Http(port);
        peerUp = false;
        Http.Response refused = http.get("/v3/api-docs", null);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("/problems/service-unavailable");
        assertThat(refused.json().get("detail").asText()).doesNotContain("127.0.0.1");

        peerUp = true;
        Http.Response served = http.get("/v3/api-docs", null);
        assertThat(served.status()).isEqualTo(200);
        JsonNode doc = served.json();
        // The peer's own path, with its schema and the register's error responses and Idempotency-Key added.
        JsonNode record = doc.at("/paths/~1api~1v1~1peer~1things/post");
        assertThat(record.get("operationId").asText()).isEqualTo("recordThing");
        assertThat(record.get("parameters").findValuesAsText("name")).contains("Idempotency-Key");
        assertThat(record.at("/responses/409").isMissingNode()).isFalse();
        assertThat(doc.at("/components/schemas/Thing/properties/nameAr/example").asText()).isEqualTo("زربية");
        assertThat(doc.at("/components/schemas/Thing/properties/nameAr/type").toString()).contains("string", "null");
        // A shared path gains the peer's method; where both sides document something, this side's stays.
        assertThat(doc.at("/paths/~1api~1v1~1test~1whoami/delete/operationId").asText()).isEqualTo("forget");
        assertThat(doc.at("/paths/~1api~1v1~1test~1whoami/get/operationId").asText()).isNotEqualTo("peersWhoami");
        assertThat(doc.at("/components/schemas/Problem/description").asText()).isEqualTo("RFC 9457 problem details");
        // This side's own operations are all still there.
        assertThat(doc.at("/paths/~1api~1v1~1test~1people/post").isMissingNode()).isFalse();
    }
}
