package ma.crafts.register.query.statistics;

import java.util.Arrays;
import java.util.Optional;

/** The dimensions the statistics API groups and filters by, under the names the contract gives them. */
public enum Dimension {
    REGION("regionCode"),
    PROVINCE("provinceCode"),
    CATEGORY("categoryCode"),
    BRANCH("branchCode"),
    ACTIVITY("activityCode"),
    GENDER("gender"),
    AGE_BAND("ageBand"),
    STATUS("status"),
    ARTISAN_CATEGORY("artisanCategory"),
    QUALIFICATION_ROUTE("qualificationRoute"),
    ACTOR_KIND("actorKind"),
    CARD_STATUS("cardStatus"),
    MEMBER("member"),
    /** A programme the actor is eligible for, from the eligibility read model ({@link EligibleCounting}). */
    ELIGIBLE_FOR("eligibleFor");

    private final String apiName;

    Dimension(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<Dimension> named(String apiName) {
        return Arrays.stream(values()).filter(d -> d.apiName.equals(apiName)).findFirst();
    }
}
