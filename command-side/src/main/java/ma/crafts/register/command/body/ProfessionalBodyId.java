package ma.crafts.register.command.body;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Law 50.17 bodies are one per branch and territory (domain brief §3), so a body's id is a name-based UUID of its
 * branch and territory: constituting the same body twice addresses the same stream and is refused, even when the
 * two requests race, because the event store accepts only one first event per stream.
 */
public final class ProfessionalBodyId {
    private ProfessionalBodyId() {
    }

    public static String of(String branchCode, String territoryCode) {
        return UUID.nameUUIDFromBytes(("professional-body:" + branchCode + ":" + territoryCode)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
