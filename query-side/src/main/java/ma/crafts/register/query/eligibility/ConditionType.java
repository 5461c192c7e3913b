package ma.crafts.register.query.eligibility;

/**
 * The declarative conditions a programme rule may use. Each rule in the programme file names one type and its
 * parameters ({@code values} or {@code years}); {@link RuleEngine} evaluates them against {@link EligibilityFacts}.
 */
public enum ConditionType {
    /** The artisan's RNA status is one of {@code values} (ACTIVE, SUSPENDED, STRUCK_OFF). */
    STATUS_IS,
    /** The artisan holds a card that is VALID, not expired, and the holder is ACTIVE. */
    HAS_VALID_CARD,
    /** The artisan's category is one of {@code values} (ARTISAN, MASTER_ARTISAN). */
    CATEGORY_IS,
    /** The artisan is a member of a professional body; with {@code values}, of a body of one of those branches. */
    MEMBER_OF_PROFESSIONAL_BODY,
    /** Declared years of practice plus the years since they were declared reach {@code years}. */
    YEARS_OF_PRACTICE_AT_LEAST,
    /** The artisan's current region is one of {@code values} (ISO 3166-2:MA region codes). */
    REGION_IN,
    /** The artisan's branch of the nomenclature is one of {@code values}. */
    BRANCH_IN
}
