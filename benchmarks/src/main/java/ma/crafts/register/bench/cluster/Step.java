package ma.crafts.register.bench.cluster;

/**
 * The commands of one artisan's journey through the register, in the order the load client sends them, each with the
 * event type the register records for it. The check matches the acknowledged steps against the stored events by
 * these types.
 */
enum Step {
    REGISTER("ArtisanRegistered"),
    ISSUE_CARD("CardIssued"),
    JOIN_BODY("ArtisanJoinedProfessionalBody"),
    SUSPEND("ArtisanSuspended"),
    REINSTATE("ArtisanReinstated"),
    REPORT_CARD_LOST("CardReportedLost"),
    REPLACE_CARD("CardReplaced");

    private final String eventType;

    Step(String eventType) {
        this.eventType = eventType;
    }

    String eventType() {
        return eventType;
    }

    static boolean recordsAStep(String eventType) {
        for (Step step : values()) {
            if (step.eventType.equals(eventType)) {
                return true;
            }
        }
        return false;
    }
}
