package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A clerk cannot tell whether another region has constituted a body: body ids follow from branch and territory, so an
 * answer that differed between "no such body" and "a body of another region" would let any clerk map every region's
 * bodies. Clerks are limited to their own region (api.md: 403 otherwise), so every operation that names a body answers
 * a clerk of Fès-Meknès the same 403, byte for byte once the body id in it is set aside, for an unknown body and for
 * Marrakech-Safi's provincial and regional bodies (the fixtures'). Other roles learn that an unknown body is unknown.
 */
@SharedRegisterContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodyExistenceUnsaidTest {

    /** An operation naming a body, as the other region's clerk sends it. */
    record Operation(String name, Function<String, Api.Reply> send) {
        @Override
        public String toString() {
            return name;
        }
    }

    @LocalServerPort
    int port;

    private Api api;
    private RegisterFixtures fixtures;
    private String otherClerk;
    private String otherRegionArtisan;

    @BeforeAll
    void setUp() {
        api = new Api(port);
        fixtures = RegisterFixtures.of(port);
        otherClerk = api.token("clerk-fes-bodies", List.of("CHAMBER_CLERK"), RegisterFixtures.OTHER_REGION);
        Api.Reply registered = api.post("/api/v1/artisans", otherClerk,
                Api.artisan(RegisterFixtures.freshCin(), "MA-FES", fixtures.activityCode));
        assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
        otherRegionArtisan = registered.body().get("artisanId").asText();
    }

    Iterable<Arguments> operations() {
        return List.of(
                operation("GET the body", id -> api.get("/api/v1/professional-bodies/" + id, otherClerk)),
                operation("GET a page of its members", id -> api.get("/api/v1/professional-bodies/" + id
                        + "?page=0&size=5", otherClerk)),
                operation("affiliate it", id -> api.post("/api/v1/professional-bodies/" + id + "/affiliation",
                        otherClerk, Map.of("parentBodyId", fixtures.regionalBody))),
                operation("join it", id -> api.post("/api/v1/artisans/" + otherRegionArtisan + "/memberships",
                        otherClerk, Map.of("bodyId", id))),
                operation("leave it", id -> api.send("DELETE", "/api/v1/artisans/" + otherRegionArtisan
                        + "/memberships/" + id, otherClerk, null)),
                operation("exclude a member from it", id -> api.post("/api/v1/professional-bodies/" + id
                        + "/exclusions", otherClerk, Map.of("artisanId", otherRegionArtisan, "reason", "test"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void anotherRegionsBodyIsRefusedLikeAnUnknownOne(Operation operation) {
        String unknown = UUID.randomUUID().toString();
        Api.Reply forUnknown = operation.send().apply(unknown);
        assertThat(forUnknown.status()).as(forUnknown.raw().body()).isEqualTo(403);
        assertThat(forUnknown.header("Content-Type")).startsWith("application/problem+json");

        for (String existing : List.of(fixtures.provincialBody, fixtures.regionalBody)) {
            Api.Reply forExisting = operation.send().apply(existing);
            assertThat(forExisting.status()).as(forExisting.raw().body()).isEqualTo(forUnknown.status());
            assertThat(forExisting.header("Content-Type")).isEqualTo(forUnknown.header("Content-Type"));
            assertThat(forExisting.raw().body().replace(existing, "{bodyId}"))
                    .isEqualTo(forUnknown.raw().body().replace(unknown, "{bodyId}"));
        }
    }

    @Test
    void anUnknownBodyIsNotFoundByOtherRoles() {
        String auditor = api.token("auditor-bodies", List.of("AUDITOR"), null);
        assertThat(api.get("/api/v1/professional-bodies/" + UUID.randomUUID(), auditor).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/professional-bodies/" + fixtures.provincialBody, auditor).status()).isEqualTo(200);
    }

    private static Arguments operation(String name, Function<String, Api.Reply> send) {
        return Arguments.of(new Operation(name, send));
    }
}
