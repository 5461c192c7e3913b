package ma.crafts.register.query.statistics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the flows count, under the names the contract gives them. A relocation is counted twice, out of the province
 * it leaves and into the one it enters; its series carry a {@code direction} key.
 */
public enum FlowMeasure {
    REGISTRATIONS("registrations"),
    STRIKE_OFFS("strikeOffs"),
    SUSPENSIONS("suspensions"),
    RELOCATIONS("relocations", "relocationsIn", "relocationsOut"),
    CARDS_ISSUED("cardsIssued"),
    CARDS_RENEWED("cardsRenewed"),
    CARDS_EXPIRED("cardsExpired"),
    MEMBERSHIPS_STARTED("membershipsStarted"),
    MEMBERSHIPS_ENDED("membershipsEnded");

    public static final String DIRECTION = "direction";
    public static final String IN = "relocationsIn";
    public static final String OUT = "relocationsOut";

    private final String apiName;
    private final List<String> storedAs;

    FlowMeasure(String apiName, String... storedAs) {
        this.apiName = apiName;
        this.storedAs = storedAs.length == 0 ? List.of(apiName) : List.of(storedAs);
    }

    public String apiName() {
        return apiName;
    }

    /** The names its counts are stored under: its own, or one per direction of a relocation. */
    public List<String> storedAs() {
        return storedAs;
    }

    public static Optional<FlowMeasure> named(String apiName) {
        return Arrays.stream(values()).filter(m -> m.apiName.equals(apiName)).findFirst();
    }
}
