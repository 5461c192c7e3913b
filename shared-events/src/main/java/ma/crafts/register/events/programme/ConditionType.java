package ma.crafts.register.events.programme;

/**
 * The declarative conditions a programme rule may use, shared by the command side, which validates a programme's
 * rules before any is stored, and the query side, which evaluates them. Each rule names one type and its parameters:
 * {@code values} for the set conditions, {@code years}, {@code months} or {@code minimumAge}/{@code maximumAge} for
 * the thresholds.
 */
public enum ConditionType {
    /** The actor's register status is one of {@code values} (ACTIVE, SUSPENDED, STRUCK_OFF). */
    STATUS_IS,
    /** The artisan holds a card that is VALID, unexpired on the day, and the holder is ACTIVE. */
    HAS_VALID_CARD,
    /** The artisan's category is one of {@code values} (ARTISAN, MASTER_ARTISAN). */
    CATEGORY_IS,
    /** The artisan is a member of a professional body; with {@code values}, of a body of one of those branches. */
    MEMBER_OF_PROFESSIONAL_BODY,
    /** Declared years of practice plus the years since they were declared reach {@code years}. */
    YEARS_OF_PRACTICE_AT_LEAST,
    /** The actor's current region is one of {@code values} (ISO 3166-2:MA region codes). */
    REGION_IN,
    /** The actor's current prefecture or province is one of {@code values}. */
    PROVINCE_IN,
    /** The actor's branch of the nomenclature is one of {@code values}. */
    BRANCH_IN,
    /** The kind of actor is one of {@code values} ({@link ActorKind}); a programme without it is for artisans. */
    ACTOR_KIND_IN,
    /** The artisan's gender is one of {@code values} (F, M). */
    GENDER_IS,
    /** The artisan's age in whole years on the day is within {@code minimumAge}..{@code maximumAge} (either open). */
    AGE_BETWEEN,
    /** The artisan qualified by one of the routes in {@code values} (DIPLOMA, EXPERIENCE). */
    QUALIFICATION_ROUTE_IN,
    /** The actor has been registered for at least {@code months} whole months on the day. */
    REGISTERED_FOR_AT_LEAST_MONTHS
}
