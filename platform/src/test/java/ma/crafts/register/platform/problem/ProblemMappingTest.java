package ma.crafts.register.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import ma.crafts.register.platform.testapp.Http;
import ma.crafts.register.platform.testapp.ProblemAssertions;
import ma.crafts.register.platform.testapp.WebTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemMappingTest extends WebTestBase {
    private static final String VALID_PERSON = """
            {"cin":"EE123456","firstName":{"ar":"فاطمة","fr":"Fatima"},"birthDate":"1984-03-02","gender":"F",
             "yearsOfPractice":12}""";
    private String token;

    @BeforeEach
    void token() {
        token = http.token("clerk-7", "MA-07", "CHAMBER_CLERK");
    }

    /** Every request here is to the API, so the problem's instance is an API path. */
    private static JsonNode assertProblem(Http.Response response, int status, String type) {
        JsonNode body = ProblemAssertions.assertProblem(response, status, type);
        assertThat(body.get("instance").asText()).startsWith("/api/v1/");
        return body;
    }

    @ParameterizedTest
    @CsvSource({
            "invalid-input,       400, /problems/validation",
            "forbidden,           403, /problems/forbidden",
            "not-found,           404, /problems/not-found",
            "aggregate-not-found, 404, /problems/not-found",
            "duplicate-cin,       409, /problems/duplicate-cin",
            "rule-violation,      409, /problems/rule-violation",
            "concurrency,         409, /problems/concurrency",
            "stream-creation,     409, /problems/concurrency",
            "command-wrapped,     409, /problems/rule-violation",
            "future-wrapped,      409, /problems/duplicate-cin",
            "unexpected,          500, /problems/internal"})
    void exceptionsBecomeProblems(String kind, int status, String type) {
        JsonNode body = assertProblem(http.get("/api/v1/test/throw/" + kind, token), status, type);
        assertThat(body.get("instance").asText()).isEqualTo("/api/v1/test/throw/" + kind);
    }

    @Test
    void ruleViolationNamesTheRule() {
        JsonNode body = assertProblem(http.get("/api/v1/test/throw/rule-violation", token), 409, "/problems/rule-violation");
        assertThat(body.get("rule").asText()).isEqualTo("artisan-must-be-active");
        assertThat(body.get("detail").asText()).contains("artisan-must-be-active").contains("suspended");
    }

    @Test
    void axonWrappedRuleViolationIsUnwrapped() {
        JsonNode body = assertProblem(http.get("/api/v1/test/throw/command-wrapped", token), 409, "/problems/rule-violation");
        assertThat(body.get("rule").asText()).isEqualTo("card-already-valid");
    }

    @Test
    void invalidInputCarriesFieldErrors() {
        JsonNode body = assertProblem(http.get("/api/v1/test/throw/invalid-input", token), 400, "/problems/validation");
        assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("provinceCode");
        assertThat(body.get("errors").get(0).get("message").asText()).isEqualTo("unknown province MA-XXX");
    }

    @Test
    void unexpectedErrorsLeakNothing() {
        Http.Response response = http.get("/api/v1/test/throw/unexpected", token);
        assertProblem(response, 500, "/problems/internal");
        assertThat(response.body()).doesNotContain("secret-internal-detail").doesNotContain("IllegalStateException")
                .doesNotContain("at ma.crafts");
        assertThat(response.json().get("detail").asText()).containsPattern("reference [0-9a-f-]{36}");
    }

    @Test
    void beanValidationErrorsListEveryField() {
        Http.Response response = http.postJson("/api/v1/test/people", token,
                "{\"cin\":\"\",\"firstName\":{\"ar\":\"\",\"fr\":\"Fatima\"},\"yearsOfPractice\":1}");
        JsonNode body = assertProblem(response, 400, "/problems/validation");
        assertThat(body.get("errors").findValuesAsText("field"))
                .containsExactly("birthDate", "cin", "firstName.ar", "yearsOfPractice");
    }

    @Test
    void parameterConstraintViolationsAre400() {
        JsonNode body = assertProblem(http.get("/api/v1/test/codes/abc", token), 400, "/problems/validation");
        assertThat(body.get("errors").findValuesAsText("field")).containsExactly("code");
        JsonNode page = assertProblem(http.get("/api/v1/test/params?count=1&page=0", token), 400, "/problems/validation");
        assertThat(page.get("errors").findValuesAsText("field")).containsExactly("page");
    }

    @Test
    void malformedJsonIs400() {
        JsonNode body = assertProblem(http.postJson("/api/v1/test/people", token, "{\"cin\": "), 400, "/problems/validation");
        assertThat(body.get("detail").asText()).contains("not valid JSON");
    }

    @Test
    void wrongValueTypesNameTheField() {
        JsonNode date = assertProblem(http.postJson("/api/v1/test/people", token,
                "{\"cin\":\"EE1\",\"firstName\":{\"ar\":\"a\",\"fr\":\"b\"},\"birthDate\":\"02/03/1984\"}"), 400, "/problems/validation");
        assertThat(date.get("errors").get(0).get("field").asText()).isEqualTo("birthDate");
        assertThat(date.get("errors").get(0).get("message").asText()).contains("YYYY-MM-DD");

        JsonNode gender = assertProblem(http.postJson("/api/v1/test/people", token,
                "{\"cin\":\"EE1\",\"firstName\":{\"ar\":\"a\",\"fr\":\"b\"},\"birthDate\":\"1984-03-02\",\"gender\":\"X\"}"),
                400, "/problems/validation");
        assertThat(gender.get("errors").get(0).get("field").asText()).isEqualTo("gender");
        assertThat(gender.get("errors").get(0).get("message").asText()).contains("F, M");
    }

    @Test
    void missingBodyIs400() {
        assertProblem(http.send(http.request("/api/v1/test/people").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build()),
                400, "/problems/validation");
    }

    @Test
    void missingAndMistypedParametersAre400() {
        JsonNode missing = assertProblem(http.get("/api/v1/test/params", token), 400, "/problems/validation");
        assertThat(missing.get("errors").get(0).get("field").asText()).isEqualTo("count");
        JsonNode mistyped = assertProblem(http.get("/api/v1/test/params?count=many", token), 400, "/problems/validation");
        assertThat(mistyped.get("errors").get(0).get("field").asText()).isEqualTo("count");
        assertThat(mistyped.get("errors").get(0).get("message").asText()).contains("many").contains("integer");
    }

    @Test
    void unsupportedMediaTypeIs415() {
        Http.Response response = http.send(http.request("/api/v1/test/people").header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        assertProblem(response, 415, "/problems/unsupported-media-type");
    }

    @Test
    void declaredOversizedBodyIs413() {
        String big = "{\"cin\":\"" + "A".repeat(4096) + "\"}";
        assertProblem(http.postJson("/api/v1/test/people", token, big), 413, "/problems/payload-too-large");
    }

    @Test
    void chunkedOversizedBodyIs413() {
        byte[] big = ("{\"cin\":\"" + "A".repeat(4096) + "\"}").getBytes(StandardCharsets.UTF_8);
        // A streaming publisher of unknown length makes the client send chunked, without Content-Length.
        HttpRequest request = http.request("/api/v1/test/people").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
        assertProblem(http.send(request), 413, "/problems/payload-too-large");
    }

    @Test
    void unknownPathIs404ForAuthenticatedCallers() {
        assertProblem(http.get("/api/v1/nothing/here", token), 404, "/problems/not-found");
    }

    @Test
    void wrongMethodIs405() {
        Http.Response response = http.send(http.request("/api/v1/test/whoami").header("Authorization", "Bearer " + token)
                .DELETE().build());
        JsonNode body = assertProblem(response, 405, "/problems/method-not-allowed");
        assertThat(body.get("detail").asText()).contains("DELETE");
        assertThat(response.header("Allow")).contains("GET");
    }

    @Test
    void arabicAndFrenchRoundTripUnchanged() {
        Http.Response response = http.postJson("/api/v1/test/people", token, VALID_PERSON.replace("Fatima", "Fâtima Zahrâ"));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().at("/firstName/ar").asText()).isEqualTo("فاطمة");
        assertThat(response.json().at("/firstName/fr").asText()).isEqualTo("Fâtima Zahrâ");
        assertThat(response.header("Location")).isEqualTo("/api/v1/test/people/EE123456");
    }
}
