package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The OpenAPI document the running application serves agrees with the REST contract, api.md: every path and method
 * it lists, their success codes, RFC 9457 problem+json error responses, the path parameter names, the
 * {@code Idempotency-Key} header on commands, and the bearer token on everything but the open paths.
 */
@SharedRegisterContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    /** The contract clients code against, next to the repository where it is maintained. */
    private static final Path SHARED_API_MD = Path.of("..", "..", "shared", "api.md");
    /** Its copy in the repository, so that a clone without the shared folder (CI) checks against the same text. */
    private static final Path VENDORED_API_MD = Path.of("..", "docs", "api-contract.md");
    /** Where the build leaves the served document for deploy/lint-openapi.sh, which lints it after {@code mvn verify}. */
    private static final Path SERVED_DOCUMENT = Path.of("target", "openapi.json");

    /** What api.md promises for one operation. {@code successes}: the codes it allows (lifecycle: "201 or 200"). */
    private record Operation(String method, String path, Set<Integer> successes, boolean open, List<String> queryParameters) {
        boolean command() {
            return !method.equals("GET") && !path.equals("/api/v1/dev/tokens");
        }

        boolean namesAResource() {
            return path.contains("{") && !path.equals("/api/v1/dev/tokens");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<Operation> CONTRACT = List.of(
            command("POST", "/api/v1/artisans", 201),
            command("POST", "/api/v1/artisans/{artisanId}/cards", 201),
            command("POST", "/api/v1/professional-bodies", 201),
            command("POST", "/api/v1/artisans/{artisanId}/memberships", 201),
            command("POST", "/api/v1/artisans/{artisanId}/amendments", 200, 201),
            command("POST", "/api/v1/artisans/{artisanId}/relocation", 200, 201),
            command("POST", "/api/v1/artisans/{artisanId}/suspension", 200, 201),
            command("POST", "/api/v1/artisans/{artisanId}/reinstatement", 200, 201),
            command("POST", "/api/v1/artisans/{artisanId}/striking-off", 200, 201),
            command("POST", "/api/v1/artisans/{artisanId}/master-artisan-status", 200, 201),
            command("POST", "/api/v1/cards/{cardNumber}/renewal", 200, 201),
            command("POST", "/api/v1/cards/{cardNumber}/suspension", 200, 201),
            command("POST", "/api/v1/cards/{cardNumber}/revocation", 200, 201),
            command("POST", "/api/v1/cards/{cardNumber}/loss-report", 200, 201),
            command("POST", "/api/v1/cards/{cardNumber}/replacement", 201),
            command("DELETE", "/api/v1/artisans/{artisanId}/memberships/{bodyId}", 200, 201),
            command("DELETE", "/api/v1/artisans/{artisanId}/personal-data", 200),
            command("POST", "/api/v1/professional-bodies/{bodyId}/affiliation", 200, 201),
            command("POST", "/api/v1/cooperatives", 201),
            command("POST", "/api/v1/enterprises", 201),
            query("/api/v1/artisans/{artisanId}", "asOf", "minPosition"),
            query("/api/v1/artisans/{artisanId}/history", "page", "size", "from", "to", "type", "minPosition"),
            query("/api/v1/artisans/{artisanId}/eligibility", "asOf"),
            command("POST", "/api/v1/programmes", 201),
            command("PUT", "/api/v1/programmes/{programId}", 200),
            query("/api/v1/programmes"),
            query("/api/v1/programmes/{programId}/eligible", "regionCode", "provinceCode", "branchCode", "page", "size"),
            query("/api/v1/programmes/{programId}/eligible/count", "groupBy"),
            query("/api/v1/artisans", "regionCode", "provinceCode", "branchCode", "status", "page", "size"),
            new Operation("GET", "/api/v1/cards/{cardNumber}/verification", Set.of(200), true, List.of()),
            query("/api/v1/cards/{cardNumber}/document"),
            new Operation("GET", "/api/v1/card-checks/{code}", Set.of(200), true, List.of()),
            query("/api/v1/reference/regions"),
            query("/api/v1/reference/activities"),
            query("/api/v1/admin/projections"),
            command("POST", "/api/v1/admin/projections/{name}/rebuild", 202),
            query("/api/v1/cooperatives/{id}", "asOf", "minPosition"),
            query("/api/v1/enterprises/{id}", "asOf", "minPosition"),
            query("/api/v1/cooperatives/{id}/history", "page", "size", "from", "to", "type", "minPosition"),
            query("/api/v1/enterprises/{id}/history", "page", "size", "from", "to", "type", "minPosition"),
            query("/api/v1/professional-bodies/{id}", "page", "size", "minPosition"),
            query("/api/v1/professional-bodies", "branchCode", "territoryCode", "minPosition"),
            query("/api/v1/cards/{cardNumber}", "minPosition"),
            query("/api/v1/artisans/lookup", "cin", "nia"),
            query("/api/v1/audit/personal-data-reads", "actorId", "subject", "from", "to", "page", "size"),
            query("/api/v1/audit/actors/{id}/verification"),
            command("POST", "/api/v1/audit/verifications", 202),
            query("/api/v1/audit/verifications/{id}"),
            query("/api/v1/audit/checkpoints"),
            command("POST", "/api/v1/audit/checkpoints", 201),
            command("POST", "/api/v1/imports", 202),
            query("/api/v1/imports/{id}"),
            query("/api/v1/imports/{id}/errors"),
            query("/api/v1/imports/templates/{kind}"),
            query("/api/v1/audit/checkpoints/{id}"),
            query("/api/v1/statistics/actors", "groupBy", "regionCode", "provinceCode", "branchCode", "status",
                    "cardStatus", "asOf"),
            query("/api/v1/statistics/flows", "measure", "interval", "from", "to", "groupBy"),
            new Operation("GET", "/api/v1/open-data/actors.csv", Set.of(200), true, List.of()),
            new Operation("POST", "/api/v1/dev/tokens", Set.of(201), true, List.of()));

    /**
     * The path parameter names api.md uses (its lifecycle table writes the artisan's as {@code {id}}, and the reads of
     * cooperatives, enterprises, bodies and imports name theirs {@code {id}}, as their controllers do; an import
     * template names its {@code {kind}}).
     */
    private static final Set<String> PATH_PARAMETERS = Set.of("artisanId", "cardNumber", "bodyId", "programId", "name",
            "code", "id", "kind");

    @LocalServerPort
    int port;

    private JsonNode document;

    @BeforeAll
    void fetchTheDocument() throws IOException {
        Api.Reply reply = new Api(port).get("/v3/api-docs", null);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        document = reply.body();
        Files.writeString(SERVED_DOCUMENT, reply.raw().body(), StandardCharsets.UTF_8);
    }

    /**
     * Each registration answers with its own schema, so a generated client reads the id it was given: one schema name
     * shared by two types made all three answers the enterprise's, and a chamber's client read {@code artisanId = null}.
     */
    @Test
    void eachRegistrationAnswersWithItsOwnSchema() {
        Map<String, String> idByPath = Map.of("/api/v1/artisans", "artisanId",
                "/api/v1/cooperatives", "cooperativeId", "/api/v1/enterprises", "enterpriseId");
        Set<String> schemas = new TreeSet<>();
        idByPath.forEach((path, id) -> {
            String ref = document.path("paths").path(path).path("post").path("responses").path("201")
                    .path("content").path("application/json").path("schema").path("$ref").asText();
            assertThat(ref).as("201 schema of POST %s", path).startsWith("#/components/schemas/");
            String name = ref.substring("#/components/schemas/".length());
            schemas.add(name);
            assertThat(document.path("components").path("schemas").path(name).path("properties").has(id))
                    .as("%s, the 201 of POST %s, has %s", name, path, id).isTrue();
        });
        assertThat(schemas).hasSize(idByPath.size());
    }

    @Test
    void everyOperationOfTheContractIsDocumentedWithItsSuccessCode() {
        SoftAssertions softly = new SoftAssertions();
        for (Operation expected : CONTRACT) {
            JsonNode operation = operation(expected);
            softly.assertThat(operation.isMissingNode()).as("%s is documented", expected).isFalse();
            if (operation.isMissingNode()) {
                continue;
            }
            List<Integer> successes = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(code -> {
                if (code.startsWith("2")) {
                    successes.add(Integer.parseInt(code));
                }
            });
            softly.assertThat(successes).as("success codes of %s", expected).hasSize(1);
            softly.assertThat(expected.successes()).as("success code of %s", expected).containsAll(successes);
            for (String parameter : expected.queryParameters()) {
                softly.assertThat(parameters(operation, "query")).as("query parameters of %s", expected).contains(parameter);
            }
        }
        softly.assertAll();
    }

    @Test
    void registrationDocumentsItsLocationAndTheDuplicateCinProblem() {
        JsonNode registration = operation(CONTRACT.get(0));
        assertThat(registration.path("responses").path("201").path("headers").has("Location")).isTrue();
        assertThat(registration.path("responses").path("409").path("description").asText()).contains("/problems/duplicate-cin");
    }

    @Test
    void everyErrorIsAProblemJsonAndTheContractsErrorsAreDocumented() {
        SoftAssertions softly = new SoftAssertions();
        for (Operation expected : CONTRACT) {
            JsonNode operation = operation(expected);
            if (operation.isMissingNode()) {
                continue;
            }
            JsonNode responses = operation.path("responses");
            responses.fieldNames().forEachRemaining(code -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    JsonNode problem = responses.path(code).path("content").path(PROBLEM_JSON);
                    softly.assertThat(problem.isMissingNode()).as("%s %s is application/problem+json", expected, code).isFalse();
                    softly.assertThat(problem.path("schema").path("$ref").asText())
                            .as("%s %s schema", expected, code).isEqualTo("#/components/schemas/Problem");
                }
            });
            Set<String> required = new TreeSet<>();
            if (!expected.open()) {
                required.addAll(List.of("401", "403"));
            }
            if (expected.command()) {
                required.addAll(List.of("400", "409", "422"));
                if (operation.has("requestBody")) {
                    required.addAll(List.of("413", "415"));
                }
            }
            if (expected.namesAResource()) {
                required.add("404");
            }
            if (parameters(operation, "query").contains("minPosition")) {
                required.add("503");
                softly.assertThat(responses.path("503").path("headers").has("Retry-After"))
                        .as("%s 503 names Retry-After", expected).isTrue();
            }
            for (String code : required) {
                softly.assertThat(responses.has(code)).as("%s documents %s", expected, code).isTrue();
            }
        }
        JsonNode problem = document.path("components").path("schemas").path("Problem").path("properties");
        softly.assertThat(problem.has("type") && problem.has("title") && problem.has("status") && problem.has("detail")
                && problem.has("instance") && problem.has("errors")).as("Problem has the RFC 9457 members and errors").isTrue();
        softly.assertAll();
    }

    @Test
    void pathParametersAreNamedAsInTheContract() {
        SoftAssertions softly = new SoftAssertions();
        for (Operation expected : CONTRACT) {
            JsonNode operation = operation(expected);
            if (operation.isMissingNode()) {
                continue;
            }
            Set<String> inTemplate = templateParameters(expected.path());
            softly.assertThat(PATH_PARAMETERS).as("parameters of %s are api.md's", expected).containsAll(inTemplate);
            softly.assertThat(parameters(operation, "path")).as("path parameters of %s", expected)
                    .containsExactlyInAnyOrderElementsOf(inTemplate);
        }
        softly.assertAll();
    }

    @Test
    void everyCommandAcceptsAnIdempotencyKey() {
        SoftAssertions softly = new SoftAssertions();
        for (Operation expected : CONTRACT) {
            JsonNode operation = operation(expected);
            if (!expected.command() || !expected.method().equals("POST") || operation.isMissingNode()) {
                continue;
            }
            softly.assertThat(parameters(operation, "header")).as("headers of %s", expected).contains("Idempotency-Key");
        }
        softly.assertAll();
    }

    @Test
    void everyPathButTheOpenOnesNeedsABearerToken() {
        Set<String> bearerSchemes = new TreeSet<>();
        document.path("components").path("securitySchemes").fields().forEachRemaining(scheme -> {
            if (scheme.getValue().path("type").asText().equals("http")
                    && scheme.getValue().path("scheme").asText().equalsIgnoreCase("bearer")) {
                bearerSchemes.add(scheme.getKey());
            }
        });
        assertThat(bearerSchemes).isNotEmpty();
        SoftAssertions softly = new SoftAssertions();
        for (Operation expected : CONTRACT) {
            JsonNode operation = operation(expected);
            if (operation.isMissingNode()) {
                continue;
            }
            JsonNode security = operation.has("security") ? operation.get("security") : document.path("security");
            Set<String> required = new TreeSet<>();
            security.forEach(requirement -> requirement.fieldNames().forEachRemaining(required::add));
            if (expected.open()) {
                softly.assertThat(required).as("%s is open", expected).isEmpty();
            } else {
                softly.assertThat(required).as("%s needs a bearer token", expected).containsAnyElementsOf(bearerSchemes);
            }
        }
        softly.assertAll();
    }

    /**
     * Operations the contract's "Additions of December 2026" names that are not served yet, each with the issue that
     * delivers it. Serving one without moving it to {@link #CONTRACT} fails {@link #noOperationListedAsNotYetServedIsServed}.
     */
    private static final Map<String, Integer> NOT_YET_SERVED = Map.of();

    @Test
    void everyOperationApiMdNamesIsInTheTableAboveOrListedAsNotYetServed() throws IOException {
        String contract = Files.readString(VENDORED_API_MD, StandardCharsets.UTF_8);
        Matcher named = Pattern.compile("`(GET|POST|PUT|DELETE) (/api/v1/[^`?\\[\\s]*)").matcher(contract);
        Set<String> inApiMd = new LinkedHashSet<>();
        while (named.find()) {
            inApiMd.add(named.group(1) + " " + named.group(2).replace("/artisans/{id}", "/artisans/{artisanId}"));
        }
        Set<String> accountedFor = new TreeSet<>(NOT_YET_SERVED.keySet());
        CONTRACT.forEach(operation -> accountedFor.add(operation.toString()));
        assertThat(accountedFor).containsAll(inApiMd);
        assertThat(inApiMd).as("every operation listed as not yet served is named by api.md").containsAll(NOT_YET_SERVED.keySet());
    }

    @Test
    void noOperationListedAsNotYetServedIsServed() {
        SoftAssertions softly = new SoftAssertions();
        NOT_YET_SERVED.forEach((operation, issue) -> {
            String[] methodAndPath = operation.split(" ", 2);
            JsonNode served = document.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase());
            softly.assertThat(served.isMissingNode())
                    .as("%s is served now (issue %d): move it to CONTRACT", operation, issue).isTrue();
        });
        softly.assertAll();
    }

    @Test
    void theRepositorysCopyOfApiMdIsTheSharedContract() throws IOException {
        assumeThat(Files.exists(SHARED_API_MD)).as("the shared api.md next to the repository").isTrue();
        assertThat(Files.readString(VENDORED_API_MD, StandardCharsets.UTF_8))
                .as("docs/api-contract.md must be a copy of ../shared/api.md: copy it again")
                .isEqualTo(Files.readString(SHARED_API_MD, StandardCharsets.UTF_8));
    }

    private JsonNode operation(Operation expected) {
        return document.path("paths").path(expected.path()).path(expected.method().toLowerCase());
    }

    private static Set<String> parameters(JsonNode operation, String in) {
        Set<String> names = new TreeSet<>();
        operation.path("parameters").forEach(p -> {
            if (p.path("in").asText().equals(in)) {
                names.add(p.path("name").asText());
            }
        });
        return names;
    }

    private static Set<String> templateParameters(String path) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Operation command(String method, String path, Integer... successes) {
        return new Operation(method, path, Set.of(successes), false, List.of());
    }

    private static Operation query(String path, String... queryParameters) {
        return new Operation("GET", path, Set.of(200), false, List.of(queryParameters));
    }
}
