package ma.crafts.register.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ma.crafts.register.platform.testapp.WebTestBase;
import org.junit.jupiter.api.Test;

class OpenApiTest extends WebTestBase {

    @Test
    void documentDescribesTheApiSecurityAndProblems() {
        JsonNode doc = http.get("/v3/api-docs", null).json();
        assertThat(doc.at("/info/title").asText()).isEqualTo("Crafts Register API");
        assertThat(doc.at("/info/version").asText()).isEqualTo("v1");
        assertThat(doc.at("/components/securitySchemes/bearer-jwt/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/components/securitySchemes/bearer-jwt/bearerFormat").asText()).isEqualTo("JWT");
        assertThat(doc.at("/security/0").has("bearer-jwt")).isTrue();
        assertThat(doc.at("/components/schemas/Problem/properties/type/enum").toString())
                .contains("/problems/idempotency-mismatch");
        assertThat(doc.at("/components/schemas/Problem/properties/errors/items/$ref").asText())
                .isEqualTo("#/components/schemas/FieldError");
        assertThat(doc.at("/components/schemas/FieldError/properties/field/type").asText()).isEqualTo("string");
    }

    @Test
    void openOperationsNeedNoToken() {
        JsonNode doc = http.get("/v3/api-docs", null).json();
        JsonNode verification = doc.at("/paths/~1api~1v1~1cards~1{cardNumber}~1verification/get");
        assertThat(verification.get("security")).isNotNull();
        assertThat(verification.get("security")).isEmpty();
        assertThat(verification.at("/responses/401").isMissingNode()).isTrue();
        JsonNode tokens = doc.at("/paths/~1api~1v1~1dev~1tokens/post");
        assertThat(tokens.get("security")).isEmpty();
    }

    @Test
    void commandsDocumentIdempotencyKeyAndProblemResponses() {
        JsonNode doc = http.get("/v3/api-docs", null).json();
        JsonNode create = doc.at("/paths/~1api~1v1~1test~1people/post");
        assertThat(create.get("parameters").findValuesAsText("name")).contains("Idempotency-Key");
        assertThat(create.at("/responses/422/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(create.at("/responses/401").isMissingNode()).isFalse();
        assertThat(create.at("/responses/413").isMissingNode()).isFalse();
        JsonNode read = doc.at("/paths/~1api~1v1~1test~1whoami/get");
        assertThat(read.at("/responses/422").isMissingNode()).isTrue();
        assertThat(read.get("security")).isNull();
    }

    @Test
    void anErrorTheControllerDescribesKeepsItsDescriptionAndIsAProblem() {
        JsonNode doc = http.get("/v3/api-docs", null).json();
        JsonNode conflict = doc.at("/paths/~1api~1v1~1test~1rejected/post/responses/409");
        assertThat(conflict.get("description").asText()).isEqualTo("`/problems/rule-violation`: always");
        assertThat(conflict.get("content").fieldNames()).toIterable().containsExactly("application/problem+json");
        assertThat(conflict.at("/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void aReadThatWaitsForAPositionDocuments503WithRetryAfter() {
        JsonNode doc = http.get("/v3/api-docs", null).json();
        JsonNode lagging = doc.at("/paths/~1api~1v1~1test~1fresh/get/responses/503");
        assertThat(lagging.get("description").asText()).contains("minPosition");
        assertThat(lagging.at("/headers/Retry-After/schema/type").asText()).isEqualTo("integer");
        assertThat(lagging.at("/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        JsonNode read = doc.at("/paths/~1api~1v1~1test~1whoami/get");
        assertThat(read.at("/responses/503").isMissingNode()).isTrue();
    }
}
