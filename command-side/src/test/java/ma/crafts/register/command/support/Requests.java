package ma.crafts.register.command.support;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Request bodies the API tests send. */
public final class Requests {
    /** Started at a time-dependent value so that a rerun against the same database meets no CIN it registered. */
    private static final AtomicInteger CIN_SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 100_000));

    private Requests() {
    }

    /** A well-formed CIN that no other call gives in this JVM: {@code prefix} (one or two letters), then six digits. */
    public static String uniqueCin(String prefix) {
        return prefix + (100_000 + CIN_SEQUENCE.incrementAndGet() % 900_000);
    }

    /** An applicant's personal data, Fatima Zahra's, as every registration carries it; the map can take more fields. */
    public static Map<String, Object> person(String cin, String birthDate, String address) {
        Map<String, Object> body = new HashMap<>();
        body.put("cin", cin);
        body.put("firstName", Map.of("ar", "فاطمة", "fr", "Fatima"));
        body.put("lastName", Map.of("ar", "الزهراء", "fr", "Zahra"));
        body.put("birthDate", birthDate);
        body.put("gender", "F");
        body.put("phone", "+212612345678");
        body.put("address", address);
        return body;
    }

    /** The registration of an artisan of Derb Dabachi, Marrakech. */
    public static Map<String, Object> artisanRegistration(String cin, String province, String activity,
                                                          Map<String, Object> qualification) {
        Map<String, Object> body = person(cin, "1984-03-02", "Derb Dabachi 12, Marrakech");
        body.put("provinceCode", province);
        body.put("activityCode", activity);
        body.put("qualification", qualification);
        return body;
    }

    public static Map<String, Object> professionalBody(String level, String branch, String territory) {
        return Map.of("level", level, "branchCode", branch, "territoryCode", territory,
                "name", Map.of("ar", "الهيئة الحرفية", "fr", "Corporation professionnelle"));
    }
}
