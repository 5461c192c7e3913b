package ma.crafts.register.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The register's HTTP API as the load client uses it: plain HTTP/1.1 over one keep-alive socket per thread, written
 * and read on the calling thread.
 * <p>
 * Why not the JDK's {@code HttpClient}: it hands every exchange between the caller, its selector thread and its
 * executor, and it cost the load client more CPU per request than the register spent answering (bench/README.md,
 * "Figures behind the code"). On a two-CPU machine shared with the register, those hand-offs and that CPU showed up in
 * the measured latencies. This client costs a small fraction of that and no thread hand-off, so what the figures
 * measure is the register.
 */
public final class RegisterClient {
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private static final int TIMEOUT_MILLIS = 30_000;
    /** Tomcat closes idle keep-alive connections after 20 s by default; reconnect well before, never mid-request. */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);

    public record Response(int statusCode, String body) {
    }

    private final String host;
    private final int port;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    public RegisterClient(String baseUrl) {
        URI uri = URI.create(baseUrl);
        // The benchmark drives a register it started itself; never point it at someone else's server.
        if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
            throw new IllegalArgumentException("--base-url must be on 127.0.0.1 or localhost, got " + baseUrl);
        }
        if (!"http".equals(uri.getScheme()) || uri.getPort() < 0 || (uri.getPath() != null && uri.getPath().length() > 1)) {
            throw new IllegalArgumentException("--base-url must be http://host:port, got " + baseUrl);
        }
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /** A dev token ({@code POST /api/v1/dev/tokens}, embedded profile only). */
    public String token(String subject, String role, String region) throws IOException {
        Map<String, Object> body = region == null
                ? Map.of("subject", subject, "roles", List.of(role))
                : Map.of("subject", subject, "roles", List.of(role), "region", region);
        Response response = exchange("POST", "/api/v1/dev/tokens", null, JSON.writeValueAsBytes(body));
        if (response.statusCode() != 201) {
            throw new IOException("POST /api/v1/dev/tokens answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("token").asText();
    }

    Response postJson(String path, String token, Object body) throws IOException {
        return exchange("POST", path, token, JSON.writeValueAsBytes(body));
    }

    public Response get(String pathAndQuery, String token) throws IOException {
        return exchange("GET", pathAndQuery, token, null);
    }

    public static JsonNode json(Response response) throws IOException {
        return JSON.readTree(response.body());
    }

    private Response exchange(String method, String pathAndQuery, String token, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(pathAndQuery)
                .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nAccept: application/json");
        if (token != null) {
            head.append("\r\nAuthorization: Bearer ").append(token);
        }
        if (body != null) {
            head.append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length);
        }
        byte[] request = head.append("\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        Connection connection = connections.get();
        boolean reused = connection != null && connection.open && System.nanoTime() - connection.lastUsed < MAX_IDLE_NANOS;
        if (connection != null && !reused) {
            connection.close();
        }
        if (!reused) {
            connection = connect();
        }
        try {
            return connection.exchange(request, body);
        } catch (EOFException closedBeforeAnswering) {
            connection.close();
            connections.remove();
            // A kept-alive connection the server closed before this request reached it: a GET is safe to send again.
            // A POST is not retried; it counts as failed rather than risk registering someone twice.
            if (!reused || body != null) {
                throw closedBeforeAnswering;
            }
            return exchange(method, pathAndQuery, token, null);
        } catch (IOException | RuntimeException e) {
            connection.close();
            connections.remove();
            throw e;
        }
    }

    private Connection connect() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        Connection connection = new Connection(socket);
        connections.set(connection);
        return connection;
    }

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private long lastUsed = System.nanoTime();
        private boolean open = true;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        Response exchange(byte[] head, byte[] body) throws IOException {
            out.write(head);
            if (body != null) {
                out.write(body);
            }
            out.flush();
            String statusLine = line(true);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            boolean close = parts[0].equals("HTTP/1.0");
            for (String header = line(false); !header.isEmpty(); header = line(false)) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    throw new IOException("malformed header: " + header);
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
                    default -> { }
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream(length > 0 ? (int) length : 1024);
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    copy(size, content);
                    expectCrlf();
                }
                while (!line(false).isEmpty()) {
                    // trailer fields, unused
                }
            } else if (length >= 0) {
                copy(length, content);
            } else if (status >= 200 && status != 204 && status != 304) {
                in.transferTo(content);
                close = true;
            }
            if (close) {
                close();
            }
            lastUsed = System.nanoTime();
            return new Response(status, content.toString(StandardCharsets.UTF_8));
        }

        private long chunkSize() throws IOException {
            String line = line(false);
            int extension = line.indexOf(';');
            return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
        }

        private void expectCrlf() throws IOException {
            if (!line(false).isEmpty()) {
                throw new IOException("a chunk did not end with CRLF");
            }
        }

        private void copy(long count, ByteArrayOutputStream to) throws IOException {
            byte[] bytes = in.readNBytes((int) count);
            if (bytes.length < count) {
                throw new IOException("connection closed " + (count - bytes.length) + " bytes before the end of the body");
            }
            to.write(bytes);
        }

        /** One CRLF-terminated line, in ISO-8859-1 as HTTP/1.1 heads are. */
        private String line(boolean statusLine) throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw statusLine && line.isEmpty() ? new EOFException("connection closed before the status line")
                            : new IOException("connection closed in the middle of a response");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            open = false;
            try {
                socket.close();
            } catch (IOException ignored) {
                // already unusable; a new connection replaces it
            }
        }
    }
}
