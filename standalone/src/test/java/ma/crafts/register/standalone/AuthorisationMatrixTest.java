package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may call what: every operation of the served OpenAPI document, called by every role, and for clerks from the
 * record's own region and from another, against the expected status of {@link #ROWS}. The expectations are
 * docs/api-contract.md's roles table read per operation. An operation the document serves without a row, or a row for
 * an operation it does not serve, is a failing case of its own, so a new endpoint cannot slip past the matrix.
 *
 * <p>"Allowed" is the status the fixture's state makes deterministic: a success code where the call may repeat
 * harmlessly (reads, registrations of fresh records), otherwise the 409 rule violation the fixture was put in a state
 * to provoke (for example amending an artisan to the values it has). A 409 is only reached past the access check, and
 * the same request from a clerk of another region gets 403, so it proves the request was authorised.
 */
@SharedRegisterContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorisationMatrixTest {

    enum Caller {
        CLERK_OWN_REGION, CLERK_OTHER_REGION, MINISTRY_ANALYST, AUDITOR, REGISTRY_ADMIN, ANONYMOUS
    }

    private static final int UNAUTHENTICATED = 401;
    private static final int FORBIDDEN = 403;

    /** One operation: how to call it and what each caller gets. Paths are the document's templates. */
    record Row(String method, String path, String query, Function<RegisterFixtures, Object> body,
               Map<String, Function<RegisterFixtures, String>> parameters, Map<Caller, Integer> expected) {

        String operation() {
            return method + " " + path;
        }

        /** The parameter named {@code name} takes this fixture instead of its collection's default. */
        Row on(String name, Function<RegisterFixtures, String> fixture) {
            Map<String, Function<RegisterFixtures, String>> with = new LinkedHashMap<>(parameters);
            with.put(name, fixture);
            return new Row(method, path, query, body, with, expected);
        }

        /** One caller gets another status than the row's pattern gives it; a comment in the table says why. */
        Row but(Caller caller, int status) {
            Map<Caller, Integer> changed = new EnumMap<>(expected);
            changed.put(caller, status);
            return new Row(method, path, query, body, parameters, changed);
        }
    }

    /** The matrix. Adding an operation is one line; see the helpers below for the usual role patterns. */
    private static final List<Row> ROWS = List.of(
            // Registration of a fresh CIN in the clerk's province: 201; a clerk of another region: 403.
            clerkWrite("POST /api/v1/artisans", 201, f -> Api.artisan(RegisterFixtures.freshCin(), RegisterFixtures.PROVINCE, f.activityCode)),
            clerkWrite("POST /api/v1/artisans/{artisanId}/cards", 409, f -> null), // one-valid-card
            clerkWrite("POST /api/v1/artisans/{artisanId}/memberships", 409, f -> Map.of("bodyId", f.provincialBody)), // one-body-per-branch
            clerkWrite("POST /api/v1/artisans/{artisanId}/amendments", 409, f -> Map.of("phone", RegisterFixtures.PHONE)), // no-change
            clerkWrite("POST /api/v1/artisans/{artisanId}/relocation", 409, f -> Map.of("provinceCode", RegisterFixtures.PROVINCE, "address", "Derb Dabachi 12")), // relocation-needs-another-province
            clerkWrite("POST /api/v1/artisans/{artisanId}/suspension", 409, f -> Map.of("reason", "matrix")).on("artisanId", f -> f.suspendedArtisan), // artisan-must-be-active
            clerkWrite("POST /api/v1/artisans/{artisanId}/reinstatement", 409, f -> Map.of("reason", "matrix")), // artisan-must-be-suspended
            clerkWrite("POST /api/v1/artisans/{artisanId}/striking-off", 409, f -> Map.of("reason", "matrix")).on("artisanId", f -> f.struckOffArtisan), // artisan-struck-off
            clerkWrite("POST /api/v1/artisans/{artisanId}/master-artisan-status", 409, f -> Map.of("yearsOfPractice", 12, "evidenceRef", "ATT-1")), // already-master-artisan
            clerkWrite("POST /api/v1/artisans/{artisanId}/diploma-evidence", 409, f -> Map.of("diplomaRef", "D-1", "issuer", "OFPPT", "evidenceRef", "E-1")), // diploma-route-only
            clerkWrite("DELETE /api/v1/artisans/{artisanId}/memberships/{bodyId}", 409, f -> null).on("artisanId", f -> f.suspendedArtisan), // not-a-member
            clerkWrite("POST /api/v1/cards/{cardNumber}/renewal", 409, f -> null), // card-renewal-too-early
            clerkWrite("POST /api/v1/cards/{cardNumber}/suspension", 409, f -> Map.of("reason", "matrix")).on("cardNumber", f -> f.revokedCard), // card-revoked
            clerkWrite("POST /api/v1/cards/{cardNumber}/reinstatement", 409, f -> Map.of("reason", "matrix")).on("cardNumber", f -> f.revokedCard), // card-not-suspended
            clerkWrite("POST /api/v1/cards/{cardNumber}/revocation", 409, f -> Map.of("reason", "matrix")).on("cardNumber", f -> f.revokedCard), // card-revoked
            clerkWrite("POST /api/v1/cards/{cardNumber}/loss-report", 409, f -> null).on("cardNumber", f -> f.revokedCard), // card-revoked
            clerkWrite("POST /api/v1/cards/{cardNumber}/replacement", 409, f -> null).on("cardNumber", f -> f.revokedCard), // card-must-be-reported-lost
            clerkWrite("POST /api/v1/professional-bodies/{bodyId}/exclusions", 409, f -> Map.of("artisanId", f.suspendedArtisan, "reason", "matrix")), // not-a-member
            clerkWrite("POST /api/v1/cooperatives", 201, f -> f.cooperative(RegisterFixtures.freshCin())),
            clerkWrite("POST /api/v1/enterprises", 201, f -> f.enterprise(RegisterFixtures.freshCin())),
            clerkWrite("POST /api/v1/cooperatives/{cooperativeId}/amendments", 409, f -> Map.of("activityCodes", List.of(f.activityCode))), // no-change
            clerkWrite("POST /api/v1/cooperatives/{cooperativeId}/suspension", 409, f -> Map.of("reason", "matrix")).on("cooperativeId", f -> f.struckOffCooperative), // cooperative-struck-off
            clerkWrite("POST /api/v1/cooperatives/{cooperativeId}/reinstatement", 409, f -> null), // cooperative-must-be-suspended
            clerkWrite("POST /api/v1/cooperatives/{cooperativeId}/striking-off", 409, f -> null).on("cooperativeId", f -> f.struckOffCooperative), // cooperative-struck-off
            clerkWrite("POST /api/v1/enterprises/{enterpriseId}/amendments", 409, f -> Map.of("activityCodes", List.of(f.activityCode))), // no-change
            clerkWrite("POST /api/v1/enterprises/{enterpriseId}/suspension", 409, f -> Map.of("reason", "matrix")).on("enterpriseId", f -> f.struckOffEnterprise), // enterprise-struck-off
            clerkWrite("POST /api/v1/enterprises/{enterpriseId}/reinstatement", 409, f -> null), // enterprise-must-be-suspended
            clerkWrite("POST /api/v1/enterprises/{enterpriseId}/striking-off", 409, f -> null).on("enterpriseId", f -> f.struckOffEnterprise), // enterprise-struck-off
            clerkWrite("POST /api/v1/enterprises/{enterpriseId}/supervising-artisan", 409, f -> Map.of("artisanId", f.artisan)), // no-change
            // A national body of the fixture's branch is the one level the fixtures leave free: 201 once.
            adminOnly("POST /api/v1/professional-bodies", 201, f -> Map.of("level", "NATIONAL", "branchCode", f.branchCode, "territoryCode", "MA", "name", Map.of("ar", "الهيئة الوطنية", "fr", "Corporation nationale"))),
            adminOnly("POST /api/v1/professional-bodies/{bodyId}/affiliation", 409, f -> Map.of("parentBodyId", f.regionalBody)), // already-affiliated
            // Redefining a seeded programme with valid terms: programme-already-defined.
            adminOnly("POST /api/v1/programmes", 409, f -> programme(Map.of("programId", f.programme))),
            // No revision of a programme fails by a rule, so the administrator's proves authorisation by the aggregate's
            // 400 for a version in the past: the other callers' 403 for the same body shows that check comes first.
            adminOnly("PUT /api/v1/programmes/{programId}", 400, f -> programme(Map.of("effectiveFrom", "2020-01-01T00:00:00Z"))),
            // Erasing again proves the administrator's right and erases nothing: personal-data-already-erased.
            adminOnly("DELETE /api/v1/artisans/{artisanId}/personal-data", 409, f -> RegisterFixtures.ERASURE)
                    .on("artisanId", f -> f.erasedArtisan),
            adminOnly("DELETE /api/v1/cooperatives/{id}/personal-data", 409, f -> RegisterFixtures.ERASURE)
                    .on("id", f -> f.erasedCooperative),
            adminOnly("DELETE /api/v1/enterprises/{id}/personal-data", 409, f -> RegisterFixtures.ERASURE)
                    .on("id", f -> f.erasedEnterprise),
            anyRole("GET /api/v1/programmes", 200),
            anyRole("GET /api/v1/programmes/{programId}", 200),
            anyRole("GET /api/v1/programmes/{programId}/versions", 200),
            // Who is eligible names actors: read like artisans, clerks in their own region.
            artisanRead("GET /api/v1/programmes/{programId}/eligible?regionCode=" + RegisterFixtures.OWN_REGION),
            // Without a region a clerk counts its own region's eligible actors, whichever region that is.
            row("GET /api/v1/programmes/{programId}/eligible/count?groupBy=regionCode", f -> null, 200, 200, 200, 200,
                    FORBIDDEN),
            // A rebuild started here would switch the reads of every suite sharing the application; an unknown name
            // gets its 404 only past the access check, and changes nothing.
            adminOnly("POST /api/v1/admin/projections/{name}/rebuild", 404, f -> null).on("name", f -> "no-such-projection"),
            adminOnly("GET /api/v1/admin/projections", 200, f -> null),
            // Bodies: every role reads them, clerks their own region's only; the administrator constitutes them.
            // Another region's body is 403 to a clerk, as is an unknown one (BodyExistenceUnsaidTest).
            row("GET /api/v1/professional-bodies/{id}", f -> null, 200, FORBIDDEN, 200, 200, 200),
            row("GET /api/v1/professional-bodies/{id}/history", f -> null, 200, FORBIDDEN, 200, 200, 200),
            row("GET /api/v1/professional-bodies?branchCode={branchCode}&territoryCode=" + RegisterFixtures.PROVINCE,
                    f -> null, 200, FORBIDDEN, 200, 200, 200).on("branchCode", f -> f.branchCode),
            // An artisan of another region is looked up as an unknown one: 404, not 403, so the CIN leaks nothing.
            row("GET /api/v1/artisans/lookup?cin={cin}", f -> null, 200, 404, FORBIDDEN, 200, FORBIDDEN)
                    .on("cin", f -> f.artisanCin),
            // The printed card shows the holder's full name, which an analyst reads masked.
            artisanRead("GET /api/v1/cards/{cardNumber}/document").but(Caller.MINISTRY_ANALYST, FORBIDDEN),
            artisanRead("GET /api/v1/cards/{cardNumber}"),
            artisanRead("GET /api/v1/cooperatives/{id}"),
            artisanRead("GET /api/v1/enterprises/{id}"),
            artisanRead("GET /api/v1/cooperatives/{id}/history"),
            artisanRead("GET /api/v1/enterprises/{id}/history"),
            artisanRead("GET /api/v1/artisans/{artisanId}"),
            artisanRead("GET /api/v1/artisans/{artisanId}/history"),
            artisanRead("GET /api/v1/artisans/{artisanId}/eligibility"),
            artisanRead("GET /api/v1/cooperatives/{id}/eligibility"),
            artisanRead("GET /api/v1/enterprises/{id}/eligibility"),
            artisanRead("GET /api/v1/artisans?regionCode=" + RegisterFixtures.OWN_REGION),
            artisanRead("GET /api/v1/notifications?regionCode=" + RegisterFixtures.OWN_REGION),
            auditorOnly("GET /api/v1/audit/personal-data-reads?actorId={artisanId}", 200)
                    .on("artisanId", f -> f.artisan),
            auditorOnly("GET /api/v1/audit/personal-data-reads/verification", 200),
            // Verification reads the whole record, so auditors only; sealing a checkpoint changes nothing in the
            // register, and the administrator who runs it may seal one too.
            auditorOnly("GET /api/v1/audit/actors/{id}/verification", 200),
            auditorOnly("POST /api/v1/audit/verifications", 202),
            auditorOnly("GET /api/v1/audit/verifications/{id}", 200).on("id", f -> f.storeVerification),
            auditorOnly("GET /api/v1/audit/checkpoints", 200),
            auditorOnly("POST /api/v1/audit/checkpoints", 201).but(Caller.REGISTRY_ADMIN, 201),
            auditorOnly("GET /api/v1/audit/checkpoints/{id}", 200).on("id", f -> f.checkpoint),
            // Statistics: national roles and the administrator read everything, a clerk its own region.
            row("GET /api/v1/statistics/actors?groupBy=gender&regionCode=" + RegisterFixtures.OWN_REGION,
                    f -> null, 200, FORBIDDEN, 200, 200, 200),
            row("GET /api/v1/statistics/flows?measure=registrations&regionCode=" + RegisterFixtures.OWN_REGION,
                    f -> null, 200, FORBIDDEN, 200, 200, 200),
            adminOnly("POST /api/v1/admin/statistics/recount", 200, f -> null),
            // Imports: a clerk its own region's, the administrator any; a dry run, so the matrix stores no artisan.
            // The file names the clerk's region, so a clerk of another region is refused it.
            row("POST /api/v1/imports?dryRun=true", RegisterFixtures::importUpload, 202, FORBIDDEN, FORBIDDEN, FORBIDDEN,
                    202),
            row("GET /api/v1/imports/{id}", f -> null, 200, FORBIDDEN, FORBIDDEN, FORBIDDEN, 200),
            row("GET /api/v1/imports/{id}/errors", f -> null, 200, FORBIDDEN, FORBIDDEN, FORBIDDEN, 200),
            row("GET /api/v1/imports/{id}/report", f -> null, 200, FORBIDDEN, FORBIDDEN, FORBIDDEN, 200),
            // Both roles that import may read what a file must look like.
            row("GET /api/v1/imports/templates/{kind}", f -> null, 200, 200, FORBIDDEN, FORBIDDEN, 200)
                    .on("kind", f -> "artisans"),
            open("GET /api/v1/open-data/actors.csv", 200),
            anyRole("GET /api/v1/reference/regions", 200),
            anyRole("GET /api/v1/reference/activities", 200),
            open("GET /api/v1/cards/{cardNumber}/verification", 200),
            open("GET /api/v1/card-checks/{code}", 200),
            // What the dashboard's page reads before anyone signs in (README's API section).
            open("GET /api/v1/dashboard/config", 200),
            // Only reachable in dev mode, where anyone may have a token (api.md).
            open("POST /api/v1/dev/tokens", 201, f -> Map.of("subject", "matrix", "roles", List.of("AUDITOR"))));

    /** A chamber's write: the clerk of the record's region gets {@code allowed}, every other role 403. */
    static Row clerkWrite(String operation, int allowed, Function<RegisterFixtures, Object> body) {
        return row(operation, body, allowed, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN);
    }

    /** Reference data, bodies, programmes, projections: the registry administrator only. */
    static Row adminOnly(String operation, int allowed, Function<RegisterFixtures, Object> body) {
        return row(operation, body, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, allowed);
    }

    /** A programme's valid terms, with {@code extra} fields. */
    static Map<String, Object> programme(Map<String, Object> extra) {
        Map<String, Object> programme = new LinkedHashMap<>(Map.of("partner", "Matrix", "reason", "matrix",
                "name", Map.of("ar", "برنامج", "fr", "Programme"),
                "rules", List.of(Map.of("rule", "active", "type", "STATUS_IS", "values", List.of("ACTIVE")))));
        programme.putAll(extra);
        return programme;
    }

    /** Reading artisans: clerks of their region, analysts and auditors nationwide; the administrator reads none. */
    static Row artisanRead(String operation) {
        return row(operation, f -> null, 200, FORBIDDEN, 200, 200, FORBIDDEN);
    }

    /** Audit trails, the verification and the checkpoints: auditors only. */
    static Row auditorOnly(String operation, int allowed) {
        return row(operation, f -> null, FORBIDDEN, FORBIDDEN, FORBIDDEN, allowed, FORBIDDEN);
    }

    /** What every authenticated role may call. */
    static Row anyRole(String operation, int allowed) {
        return row(operation, f -> null, allowed, allowed, allowed, allowed, allowed);
    }

    /** Open to anyone, with or without a token. */
    static Row open(String operation, int allowed) {
        return open(operation, allowed, f -> null);
    }

    static Row open(String operation, int allowed, Function<RegisterFixtures, Object> body) {
        return row(operation, body, allowed, allowed, allowed, allowed, allowed).but(Caller.ANONYMOUS, allowed);
    }

    /** {@code operation} is "METHOD /path/{parameter}[?query]"; anonymous callers get 401 unless the row says otherwise. */
    static Row row(String operation, Function<RegisterFixtures, Object> body, int clerkOwnRegion, int clerkOtherRegion,
                   int analyst, int auditor, int admin) {
        String[] methodAndTarget = operation.split(" ", 2);
        String[] pathAndQuery = methodAndTarget[1].split("\\?", 2);
        Map<Caller, Integer> expected = new EnumMap<>(Map.of(Caller.CLERK_OWN_REGION, clerkOwnRegion,
                Caller.CLERK_OTHER_REGION, clerkOtherRegion, Caller.MINISTRY_ANALYST, analyst, Caller.AUDITOR, auditor,
                Caller.REGISTRY_ADMIN, admin, Caller.ANONYMOUS, UNAUTHENTICATED));
        return new Row(methodAndTarget[0], pathAndQuery[0], pathAndQuery.length > 1 ? "?" + pathAndQuery[1] : "", body,
                Map.of(), expected);
    }

    private static final Pattern PARAMETER = Pattern.compile("/([^/{}]+)/\\{([^}]+)}");
    private static final Pattern QUERY_PARAMETER = Pattern.compile("\\{([^}]+)}");

    @LocalServerPort
    int port;

    private Api api;
    private RegisterFixtures fixtures;
    private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);

    @BeforeAll
    void setUp() {
        api = new Api(port);
        tokens.put(Caller.CLERK_OWN_REGION, api.token("matrix-clerk", List.of("CHAMBER_CLERK"), RegisterFixtures.OWN_REGION));
        tokens.put(Caller.CLERK_OTHER_REGION, api.token("matrix-clerk-other", List.of("CHAMBER_CLERK"), RegisterFixtures.OTHER_REGION));
        tokens.put(Caller.MINISTRY_ANALYST, api.token("matrix-analyst", List.of("MINISTRY_ANALYST"), null));
        tokens.put(Caller.AUDITOR, api.token("matrix-auditor", List.of("AUDITOR"), null));
        tokens.put(Caller.REGISTRY_ADMIN, api.token("matrix-admin", List.of("REGISTRY_ADMIN"), null));
        fixtures = RegisterFixtures.of(port);
    }

    /** Every served operation with a row times every caller; a served operation without a row, or the reverse, fails. */
    Stream<Arguments> cases() {
        JsonNode paths = api.get("/v3/api-docs", null).body().get("paths");
        TreeSet<String> served = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> served.add(method.toUpperCase() + " " + path.getKey())));
        Map<String, Row> rows = ROWS.stream().collect(Collectors.toMap(Row::operation, Function.identity()));
        List<Arguments> cases = new ArrayList<>();
        for (String operation : served) {
            Row row = rows.get(operation);
            if (row == null) {
                cases.add(Arguments.of(operation, null, null));
                continue;
            }
            for (Caller caller : Caller.values()) {
                cases.add(Arguments.of(operation, caller, row));
            }
        }
        rows.keySet().stream().filter(operation -> !served.contains(operation))
                .forEach(operation -> cases.add(Arguments.of(operation, null, rows.get(operation))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void eachCallerGetsTheExpectedStatus(String operation, Caller caller, Row row) {
        if (row == null) {
            fail("%s is served but has no row in AuthorisationMatrixTest.ROWS: add one", operation);
        }
        if (caller == null) {
            fail("%s has a row in AuthorisationMatrixTest.ROWS but the OpenAPI document does not serve it", operation);
        }
        int expected = row.expected().get(caller);
        Api.Reply reply = api.send(row.method(), resolve(row) + resolveQuery(row), tokens.get(caller), row.body().apply(fixtures));

        assertThat(reply.status()).as("%s as %s: %s", operation, caller, reply.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(reply.header("Content-Type")).as("%s as %s", operation, caller).startsWith("application/problem+json");
        }
        if (expected == UNAUTHENTICATED || expected == FORBIDDEN) {
            assertThat(reply.body().get("type").asText())
                    .isEqualTo(expected == FORBIDDEN ? "/problems/forbidden" : "/problems/unauthenticated");
        } else if (expected == 409) {
            assertThat(reply.body().get("type").asText()).isEqualTo("/problems/rule-violation");
        }
    }

    /** A query's {@code {name}} takes the row's fixture of that name: query values have no collection to go by. */
    private String resolveQuery(Row row) {
        return QUERY_PARAMETER.matcher(row.query()).replaceAll(
                name -> Matcher.quoteReplacement(row.parameters().get(name.group(1)).apply(fixtures)));
    }

    private String resolve(Row row) {
        Matcher parameter = PARAMETER.matcher(row.path());
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            Function<RegisterFixtures, String> chosen = row.parameters().get(parameter.group(2));
            String value = chosen != null ? chosen.apply(fixtures) : fixtures.forCollection(parameter.group(1));
            parameter.appendReplacement(path, Matcher.quoteReplacement("/" + parameter.group(1) + "/" + value));
        }
        parameter.appendTail(path);
        return path.toString();
    }
}
