package ma.crafts.register.bench.capacity;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * An artisan's history over the years, drawn at random from yearly rates. The rates are the plan's assumptions
 * (docs/capacity.md says which come from domain.md, from the register's policy and from the benchmarks' applicant mix,
 * and which are guesses to revisit once the register has a year of real traffic).
 */
final class Lifecycle {
    /** A quarter qualify by diploma (bench.http.Applicants); their evidence is recorded, then checked. */
    static final double DIPLOMA_ROUTE = 0.25;
    /** Share of artisans who get a card (bench.http.Options CARD_SHARE; 300k cards for 400k-660k artisans, domain.md). */
    static final double CARD_SHARE = 0.85;
    /** register.policy.card-validity, provisionally P5Y (CommandSideConfiguration). */
    static final int CARD_VALIDITY_YEARS = 5;
    static final double RENEWED_AT_EXPIRY = 0.8;
    static final double DETAILS_AMENDED_PER_YEAR = 0.2;
    static final double RELOCATED_PER_YEAR = 0.02;
    static final double CARD_LOST_PER_YEAR = 0.01;
    static final double SUSPENDED_PER_YEAR = 0.005;
    static final double REINSTATED_AFTER_SUSPENSION = 0.5;
    static final double STRUCK_OFF_PER_YEAR = 0.01;
    static final double JOINS_A_BODY_PER_YEAR = 0.1;
    static final double LEAVES_A_BODY_PER_YEAR = 0.02;
    static final double MASTER_STATUS_PER_YEAR = 0.01;

    private final SplittableRandom random;

    Lifecycle(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Events of one artisan registered at the start of year 0, per event type, over {@code years} years. */
    Map<String, Integer> history(int years) {
        Map<String, Integer> events = new TreeMap<>();
        add(events, "ArtisanRegistered");
        if (chance(DIPLOMA_ROUTE)) {
            add(events, "DiplomaEvidenceRecorded");
            add(events, "DiplomaEvidenceChecked");
        }
        boolean carded = chance(CARD_SHARE);
        if (carded) {
            add(events, "CardIssued");
        }
        int cardExpiresInYear = CARD_VALIDITY_YEARS;
        boolean member = false;
        boolean suspended = false;
        for (int year = 0; year < years; year++) {
            if (carded && year == cardExpiresInYear) {
                if (chance(RENEWED_AT_EXPIRY)) {
                    add(events, "CardRenewed");
                    cardExpiresInYear += CARD_VALIDITY_YEARS;
                } else {
                    add(events, "CardExpired");
                    carded = false;
                }
            }
            if (chance(STRUCK_OFF_PER_YEAR)) {
                add(events, "ArtisanStruckOff");
                if (carded) {
                    add(events, "CardRevoked");
                }
                break;
            }
            if (suspended && chance(REINSTATED_AFTER_SUSPENSION)) {
                add(events, "ArtisanReinstated");
                suspended = false;
            } else if (!suspended && chance(SUSPENDED_PER_YEAR)) {
                add(events, "ArtisanSuspended");
                suspended = true;
            }
            occasionally(events, DETAILS_AMENDED_PER_YEAR, "ArtisanDetailsAmended");
            occasionally(events, RELOCATED_PER_YEAR, "ArtisanRelocated");
            occasionally(events, MASTER_STATUS_PER_YEAR, "MasterArtisanStatusGranted");
            if (carded && chance(CARD_LOST_PER_YEAR)) {
                add(events, "CardReportedLost");
                add(events, "CardReplaced");
            }
            if (!member && chance(JOINS_A_BODY_PER_YEAR)) {
                add(events, "ArtisanJoinedProfessionalBody");
                member = true;
            } else if (member && chance(LEAVES_A_BODY_PER_YEAR)) {
                add(events, "ProfessionalBodyMembershipEnded");
                member = false;
            }
        }
        return events;
    }

    private void occasionally(Map<String, Integer> events, double perYear, String type) {
        if (chance(perYear)) {
            add(events, type);
        }
    }

    private boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    private static void add(Map<String, Integer> events, String type) {
        events.merge(type, 1, Integer::sum);
    }
}
