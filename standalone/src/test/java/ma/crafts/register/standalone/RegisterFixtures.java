package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the suites over every operation act on, set up once through the API as a chamber would: in the clerk's
 * region MA-07 (province MA-MAR) an ACTIVE experienced artisan with a valid card and a provincial body membership, a
 * SUSPENDED artisan whose card was revoked, a STRUCK_OFF artisan, a cooperative and an enterprise it supervises, a
 * STRUCK_OFF cooperative and a STRUCK_OFF enterprise; a provincial body affiliated to its regional body; and the first
 * of the seeded benefit programmes. Each is in a state that makes the natural write on it a
 * deterministic rule violation, so that the suites can repeat requests without changing what they act on.
 */
final class RegisterFixtures {
    static final String OWN_REGION = "MA-07";
    static final String OTHER_REGION = "MA-03";
    static final String PROVINCE = "MA-MAR";
    /** The phone every fixture artisan is registered with: amending it to itself is a no-change. */
    static final String PHONE = "+212612345678";

    private static final AtomicInteger CIN_SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(900_000));

    final String activityCode;
    final String branchCode;
    final String artisan;
    /** The CIN {@link #artisan} is registered under, for lookups. */
    final String artisanCin;
    final String card;
    /** The unguessable code {@link #card}'s QR holds, from its issue response. */
    final String checkCode;
    final String suspendedArtisan;
    final String revokedCard;
    final String struckOffArtisan;
    final String provincialBody;
    final String regionalBody;
    final String cooperative;
    final String enterprise;
    final String struckOffCooperative;
    final String struckOffEnterprise;
    final String programme;
    /** An artisan, a cooperative and an enterprise whose personal data the registry administrator erased. */
    final String erasedArtisan;
    final String erasedCooperative;
    final String erasedEnterprise;
    /** A verification of the whole store, started by an auditor. */
    final String storeVerification;
    /** A checkpoint sealed by the administrator. */
    final String checkpoint;
    /** A dry-run import job of one artisan row, started by the clerk of {@link #OWN_REGION}. */
    final String importJob;

    private final Map<String, String> byCollection = new HashMap<>();

    /** Per running application: body ids derive from branch and territory, so a second set would collide. */
    private static final Map<Integer, RegisterFixtures> BY_PORT = new HashMap<>();

    /** The fixtures of the application listening on {@code port}, set up by the first suite that asks. */
    static synchronized RegisterFixtures of(int port) {
        return BY_PORT.computeIfAbsent(port, p -> {
            Api api = new Api(p);
            return new RegisterFixtures(api, api.token("fixture-clerk", List.of("CHAMBER_CLERK"), OWN_REGION),
                    api.token("fixture-admin", List.of("REGISTRY_ADMIN"), null),
                    api.token("fixture-auditor", List.of("AUDITOR"), null));
        });
    }

    private RegisterFixtures(Api api, String clerk, String admin, String auditor) {
        JsonNode activity = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0);
        activityCode = activity.get("code").asText();
        branchCode = activity.get("branchCode").asText();

        provincialBody = created(api.post("/api/v1/professional-bodies", admin, body("PROVINCIAL", PROVINCE)), "bodyId");
        regionalBody = created(api.post("/api/v1/professional-bodies", admin, body("REGIONAL", OWN_REGION)), "bodyId");
        ok(api.post("/api/v1/professional-bodies/" + provincialBody + "/affiliation", admin,
                Map.of("parentBodyId", regionalBody)));

        artisanCin = freshCin();
        artisan = created(api.post("/api/v1/artisans", clerk, Api.artisan(artisanCin, PROVINCE, activityCode)), "artisanId");
        Api.Reply issued = api.post("/api/v1/artisans/" + artisan + "/cards", clerk, Map.of());
        card = created(issued, "cardNumber");
        checkCode = issued.body().get("checkCode").asText();
        created(api.post("/api/v1/artisans/" + artisan + "/memberships", clerk, Map.of("bodyId", provincialBody)), "bodyId");

        suspendedArtisan = created(api.post("/api/v1/artisans", clerk, Api.artisan(freshCin(), PROVINCE, activityCode)),
                "artisanId");
        revokedCard = created(api.post("/api/v1/artisans/" + suspendedArtisan + "/cards", clerk, Map.of()), "cardNumber");
        ok(api.post("/api/v1/cards/" + revokedCard + "/revocation", clerk, Map.of("reason", "fixture")));
        ok(api.post("/api/v1/artisans/" + suspendedArtisan + "/suspension", clerk, Map.of("reason", "fixture")));

        struckOffArtisan = created(api.post("/api/v1/artisans", clerk, Api.artisan(freshCin(), PROVINCE, activityCode)),
                "artisanId");
        ok(api.post("/api/v1/artisans/" + struckOffArtisan + "/striking-off", clerk, Map.of("reason", "fixture")));

        cooperative = created(api.post("/api/v1/cooperatives", clerk, cooperative(freshCin())), "cooperativeId");
        enterprise = created(api.post("/api/v1/enterprises", clerk, enterprise(freshCin())), "enterpriseId");
        struckOffCooperative = created(api.post("/api/v1/cooperatives", clerk, cooperative(freshCin())),
                "cooperativeId");
        ok(api.post("/api/v1/cooperatives/" + struckOffCooperative + "/striking-off", clerk, Map.of("reason", "fixture")));
        struckOffEnterprise = created(api.post("/api/v1/enterprises", clerk, enterprise(freshCin())), "enterpriseId");
        ok(api.post("/api/v1/enterprises/" + struckOffEnterprise + "/striking-off", clerk, Map.of("reason", "fixture")));
        programme = api.get("/api/v1/programmes", admin).body().get(0).get("programId").asText();
        checkpoint = created(api.post("/api/v1/audit/checkpoints", admin, Map.of()), "id");
        Api.Reply verification = api.post("/api/v1/audit/verifications", auditor, Map.of());
        assertThat(verification.status()).as("fixture: %s", verification.body()).isEqualTo(202);
        storeVerification = verification.body().get("id").asText();
        Api.Reply imported = api.post("/api/v1/imports?dryRun=true", clerk, importUpload());
        assertThat(imported.status()).as("fixture: %s", imported.body()).isEqualTo(202);
        importJob = imported.body().get("id").asText();

        erasedArtisan = created(api.post("/api/v1/artisans", clerk, Api.artisan(freshCin(), PROVINCE, activityCode)),
                "artisanId");
        erasedCooperative = created(api.post("/api/v1/cooperatives", clerk, cooperative(freshCin())), "cooperativeId");
        erasedEnterprise = created(api.post("/api/v1/enterprises", clerk, enterprise(freshCin())), "enterpriseId");
        for (String erased : List.of("artisans/" + erasedArtisan, "cooperatives/" + erasedCooperative,
                "enterprises/" + erasedEnterprise)) {
            ok(api.send("DELETE", "/api/v1/" + erased + "/personal-data", admin, ERASURE));
        }

        byCollection.put("artisans", artisan);
        byCollection.put("cards", card);
        byCollection.put("memberships", provincialBody);
        byCollection.put("professional-bodies", provincialBody);
        byCollection.put("cooperatives", cooperative);
        byCollection.put("enterprises", enterprise);
        byCollection.put("programmes", programme);
        byCollection.put("card-checks", checkCode);
        byCollection.put("actors", artisan);
        byCollection.put("imports", importJob);
    }

    /** The body of an erasure of personal data. */
    static final Map<String, Object> ERASURE = Map.of("reason", "the data subject's request", "legalBasis",
            "Loi 09-08, art. 8");

    /** A CIN nobody registered yet (two letters, six digits). */
    static String freshCin() {
        return "QX" + String.format("%06d", CIN_SEQUENCE.incrementAndGet() % 1_000_000);
    }

    /**
     * The fixture a path parameter names, found by the collection segment before it ({@code /cards/{cardNumber}} is
     * the card), whatever the parameter is called; a new collection needs one {@code byCollection} entry.
     */
    String forCollection(String collection) {
        String value = byCollection.get(collection);
        if (value == null) {
            throw new IllegalStateException("No fixture for a parameter after /" + collection
                    + "/: add one to RegisterFixtures, or give the row its own with .on(...)");
        }
        return value;
    }

    /** A one-row artisans file for POST /api/v1/imports, in the fixture province, of a CIN nobody registered. */
    Api.Upload importUpload() {
        String csv = "cin,first_name_ar,first_name_fr,last_name_ar,last_name_fr,birth_date,gender,phone,address,"
                + "province_code,activity_code,qualification_route,years_of_practice,diploma_ref\n"
                + freshCin() + ",فاطمة,Fatima,الزهراء,Zahra,1984-03-02,F," + PHONE + ",Derb Dabachi 12," + PROVINCE + ","
                + activityCode + ",EXPERIENCE,12,\n";
        return new Api.Upload(Map.of("kind", "artisans", "regionCode", OWN_REGION), "artisans.csv",
                csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Map<String, Object> cooperative(String cin) {
        return Map.of("cin", cin, "name", Map.of("ar", "تعاونية الزربية", "fr", "Coopérative du tapis"),
                "activityCodes", List.of(activityCode), "provinceCode", PROVINCE,
                "firstName", Map.of("ar", "خديجة", "fr", "Khadija"), "lastName", Map.of("ar", "بناني", "fr", "Bennani"),
                "birthDate", "1979-05-14", "gender", "F", "phone", PHONE, "address", "Douar Tameslohte");
    }

    Map<String, Object> enterprise(String cin) {
        return Api.enterprise(cin, PROVINCE, activityCode, artisan);
    }

    private Map<String, Object> body(String level, String territory) {
        return Map.of("level", level, "branchCode", branchCode, "territoryCode", territory,
                "name", Map.of("ar", "هيئة " + territory, "fr", "Corporation " + territory));
    }

    private static String created(Api.Reply reply, String field) {
        assertThat(reply.status()).as("fixture: %s", reply.body()).isEqualTo(201);
        return reply.body().get(field).asText();
    }

    private static void ok(Api.Reply reply) {
        assertThat(reply.status()).as("fixture: %s", reply.body()).isEqualTo(200);
    }
}
