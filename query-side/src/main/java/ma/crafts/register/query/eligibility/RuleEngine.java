package ma.crafts.register.query.eligibility;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.events.programme.ConditionType;
import ma.crafts.register.events.programme.EligibilityRule;
import ma.crafts.register.query.artisan.MembershipState;
import ma.crafts.register.query.programme.ProgrammeVersion;

/**
 * Evaluates a programme version's rules against the facts of one actor. Stateless; every rule is evaluated (no short
 * circuit) so the verdict explains each condition, met or not, in Arabic and French ({@link RuleWording}). Codes
 * (statuses, regions, branches) are quoted as the register writes them in both languages.
 *
 * <p>A cooperative or an enterprise meets no rule about a person (a card, a body's membership, a gender, an age, a
 * category, a qualification route, years of practice): those are judged not satisfied, saying they do not apply to it,
 * and an actor kind rule that leaves its kind out says the programme is not open to it.
 */
public class RuleEngine {

    /** The rules that judge what only an artisan, a person, has. */
    private static final Set<ConditionType> PERSONS_ONLY = EnumSet.of(ConditionType.HAS_VALID_CARD,
            ConditionType.MEMBER_OF_PROFESSIONAL_BODY, ConditionType.GENDER_IS, ConditionType.AGE_BETWEEN,
            ConditionType.CATEGORY_IS, ConditionType.QUALIFICATION_ROUTE_IN,
            ConditionType.YEARS_OF_PRACTICE_AT_LEAST);

    public ProgrammeEligibility evaluate(ProgrammeVersion programme, EligibilityFacts facts) {
        return judge(programme, facts).explained(programme);
    }

    /** The verdict in the form the model stores: each rule's finding, worded only when read. */
    public Verdict judge(ProgrammeVersion programme, EligibilityFacts facts) {
        List<RuleFinding> findings = new ArrayList<>(programme.rules().size());
        boolean eligible = true;
        for (EligibilityRule rule : programme.rules()) {
            RuleFinding finding = find(rule, facts);
            findings.add(finding);
            eligible &= finding.satisfied();
        }
        return new Verdict(programme.programId(), programme.version(), eligible, findings);
    }

    public RuleOutcome evaluate(EligibilityRule rule, EligibilityFacts facts) {
        return find(rule, facts).outcome(rule);
    }

    private static RuleFinding find(EligibilityRule rule, EligibilityFacts facts) {
        if (facts.actorKind() != ActorKind.ARTISAN && PERSONS_ONLY.contains(rule.type())) {
            return new RuleFinding(false, RuleWording.NOT_FOR_KIND, List.of(facts.actorKind().name()));
        }
        return switch (rule.type()) {
            case STATUS_IS -> oneOf(rule, facts.status());
            case CATEGORY_IS -> oneOf(rule, facts.category());
            case REGION_IN -> oneOf(rule, facts.regionCode());
            case PROVINCE_IN -> oneOf(rule, facts.provinceCode());
            case BRANCH_IN -> oneOf(rule, facts.branchCode());
            case ACTOR_KIND_IN -> rule.values().contains(facts.actorKind().name()) ? oneOf(rule, facts.actorKind())
                    : new RuleFinding(false, RuleWording.CLOSED_TO_KIND, List.of(facts.actorKind().name()));
            case GENDER_IS -> oneOf(rule, facts.gender());
            case QUALIFICATION_ROUTE_IN -> oneOf(rule, facts.qualificationRoute());
            case HAS_VALID_CARD -> validCard(facts);
            case MEMBER_OF_PROFESSIONAL_BODY -> membership(rule, facts);
            case YEARS_OF_PRACTICE_AT_LEAST -> new RuleFinding(facts.yearsOfPractice() >= rule.years(),
                    RuleWording.YEARS_OF_PRACTICE, List.of(String.valueOf(facts.yearsOfPractice()),
                    facts.day().toString()));
            case AGE_BETWEEN -> age(rule, facts);
            case REGISTERED_FOR_AT_LEAST_MONTHS -> monthsRegistered(rule, facts);
        };
    }

    private static RuleFinding oneOf(EligibilityRule rule, Object actual) {
        if (actual == null) {
            return new RuleFinding(false, RuleWording.ONE_OF, List.of());
        }
        String value = actual.toString();
        return new RuleFinding(rule.values().contains(value), RuleWording.ONE_OF, List.of(value));
    }

    private static RuleFinding validCard(EligibilityFacts facts) {
        return facts.validCard()
                .map(card -> new RuleFinding(true, RuleWording.VALID_CARD,
                        List.of(card.cardNumber(), String.valueOf(card.validUntil()))))
                .orElseGet(() -> new RuleFinding(false, RuleWording.NO_VALID_CARD, List.of(facts.day().toString())));
    }

    private static RuleFinding membership(EligibilityRule rule, EligibilityFacts facts) {
        List<MembershipState> matching = facts.memberships().stream()
                .filter(m -> rule.values().isEmpty() || rule.values().contains(m.branchCode()))
                .toList();
        if (matching.isEmpty()) {
            return new RuleFinding(false, RuleWording.NOT_A_MEMBER, List.of());
        }
        return new RuleFinding(true, RuleWording.MEMBER,
                List.of(matching.stream().map(MembershipState::bodyId).collect(Collectors.joining(", "))));
    }

    private static RuleFinding age(EligibilityRule rule, EligibilityFacts facts) {
        int age = facts.age();
        if (age < 0) {
            return new RuleFinding(false, RuleWording.AGE_UNKNOWN, List.of());
        }
        boolean satisfied = (rule.minimumAge() == null || age >= rule.minimumAge())
                && (rule.maximumAge() == null || age <= rule.maximumAge());
        return new RuleFinding(satisfied, RuleWording.AGE, List.of(facts.day().toString()));
    }

    private static RuleFinding monthsRegistered(EligibilityRule rule, EligibilityFacts facts) {
        long months = facts.monthsRegistered();
        if (months < 0) {
            return new RuleFinding(false, RuleWording.REGISTRATION_UNKNOWN, List.of());
        }
        return new RuleFinding(months >= rule.months(), RuleWording.MONTHS_REGISTERED,
                List.of(String.valueOf(months), facts.day().toString()));
    }
}
