package ma.crafts.register.command.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import ma.crafts.register.command.support.CommandHttp;
import ma.crafts.register.command.support.CommandHttp.Response;

/** A clerk's import jobs over HTTP: start one, wait for its end, read its rejected rows. */
final class ImportClient {
    private final CommandHttp http;
    private final String token;

    ImportClient(CommandHttp http, String token) {
        this.http = http;
        this.token = token;
    }

    JsonNode importAndWait(byte[] file, String name, Map<String, String> fields, String query) {
        Response started = http.upload("/api/v1/imports" + query, token, fields, name, file, Map.of());
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        assertThat(started.location()).isEqualTo("/api/v1/imports/" + started.body().get("id").asText());
        return waitFor(started.location());
    }

    JsonNode waitFor(String location) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Response status = http.get(location, token);
            assertThat(status.status()).isEqualTo(200);
            String state = status.body().get("status").asText();
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                return status.body();
            }
            assertThat(Instant.now()).as("job %s still %s", location, state).isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The job's errors file, as text. */
    String errors(JsonNode job) {
        return new String(http.download(job.get("links").get("errors").asText(), token, "text/csv").body(),
                StandardCharsets.UTF_8);
    }
}
