package ma.crafts.register.platform.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** What every problem answer must hold, whichever part of the platform wrote it. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** Asserts an RFC 9457 problem+json of {@code status} and {@code type}, and returns its body. */
    public static JsonNode assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("type").asText()).isEqualTo(type);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.get("instance").asText()).startsWith("/");
        return body;
    }
}
