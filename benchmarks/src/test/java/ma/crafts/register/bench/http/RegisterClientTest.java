package ma.crafts.register.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load client's own HTTP/1.1: framing, keep-alive and when it may send a request again. */
class RegisterClientTest {
    private static final String ARABIC = "{\"name\":\"محمد بن عبد الله\",\"city\":\"Fès\"}";

    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private RegisterClient jdkServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] request = exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(request, StandardCharsets.UTF_8));
            byte[] answer = ARABIC.getBytes(StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/close")) {
                exchange.getResponseHeaders().add("Connection", "close");
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            // Length 0 makes the JDK server answer chunked; the real length makes it send Content-Length.
            exchange.sendResponseHeaders(path.equals("/missing") ? 404 : 200, path.equals("/chunked") ? 0 : answer.length);
            try (OutputStream body = exchange.getResponseBody()) {
                if (path.equals("/chunked")) {
                    body.write(answer, 0, 7);
                    body.flush();
                    body.write(answer, 7, answer.length - 7);
                } else {
                    body.write(answer);
                }
            }
        });
        server.start();
        return new RegisterClient("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void readsFixedLengthAndChunkedBodies_asUtf8_byteForByte() throws IOException {
        RegisterClient client = jdkServer();
        assertThat(client.get("/fixed", null).body()).isEqualTo(ARABIC);
        assertThat(client.get("/chunked", null).body()).isEqualTo(ARABIC);
        assertThat(client.get("/missing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void sendsTheTokenAndAJsonBody() throws IOException {
        RegisterClient client = jdkServer();
        RegisterClient.Response response = client.postJson("/api/v1/artisans", "t0k3n", Map.of("name", "محمد"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seen).containsExactly("POST /api/v1/artisans Bearer t0k3n {\"name\":\"محمد\"}");
    }

    @Test
    void aCommandCarriesItsIdempotencyKey_andABodylessOneSaysItsLengthIsZero() throws IOException {
        RegisterClient client = jdkServer();
        List<String> heads = new CopyOnWriteArrayList<>();
        server.createContext("/api/v1/cards", exchange -> {
            heads.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Idempotency-Key") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Length") + " "
                    + exchange.getRequestBody().readAllBytes().length);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });

        client.command("POST", "/api/v1/cards/C1/loss-report", "t", null, "key-1");
        client.command("DELETE", "/api/v1/cards/C1", "t", null, "key-2");
        client.command("POST", "/api/v1/cards/C1/suspension", "t", Map.of("reason", "x"), "key-3");

        assertThat(heads).containsExactly("POST key-1 0 0", "DELETE key-2 0 0", "POST key-3 14 14");
    }

    @Test
    void keepsOneConnectionPerThread_andReconnectsWhenTheServerSaysClose() throws IOException {
        RegisterClient client = jdkServer();
        for (int i = 0; i < 20; i++) {
            client.get(i % 2 == 0 ? "/fixed" : "/chunked", "t");
        }
        assertThat(clientPorts).hasSize(1);
        client.get("/close", "t");
        client.get("/fixed", "t");
        assertThat(clientPorts).hasSize(2);
        assertThat(seen).hasSize(22);
    }

    /**
     * A raw server that answers the first request on each connection, then closes it when the next request arrives
     * without answering: what a server closing an idle kept-alive connection looks like to a client.
     */
    private int answersOncePerConnection(List<String> requestLines) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try (listener) {
                while (true) {
                    Socket socket = listener.accept();
                    InputStream in = socket.getInputStream();
                    requestLines.add(readHead(in));
                    socket.getOutputStream().write(("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    requestLines.add(readHead(in));
                    socket.close();
                }
            } catch (IOException stopped) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return listener.getLocalPort();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int contentLength = text.toLowerCase().indexOf("content-length: ");
        if (contentLength >= 0) {
            int end = text.indexOf("\r\n", contentLength);
            in.readNBytes(Integer.parseInt(text.substring(contentLength + 16, end).trim()));
        }
        return text.isEmpty() ? "" : text.substring(0, text.indexOf("\r\n"));
    }

    @Test
    void aGetOnAConnectionClosedUnderIt_isSentAgain_butAPostIsNot() throws IOException {
        List<String> requestLines = new CopyOnWriteArrayList<>();
        RegisterClient client = new RegisterClient("http://127.0.0.1:" + answersOncePerConnection(requestLines));

        assertThat(client.get("/a", null).statusCode()).isEqualTo(201);
        assertThat(client.get("/b", null).statusCode()).isEqualTo(201);
        assertThat(requestLines).containsExactly("GET /a HTTP/1.1", "GET /b HTTP/1.1", "GET /b HTTP/1.1");

        assertThatThrownBy(() -> client.postJson("/register", "t", Map.of("cin", "AB123456")))
                .isInstanceOf(EOFException.class);
        assertThat(requestLines).filteredOn(line -> line.startsWith("POST")).hasSize(1);
    }
}
