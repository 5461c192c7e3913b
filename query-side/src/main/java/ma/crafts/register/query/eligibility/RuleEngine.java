package ma.crafts.register.query.eligibility;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.events.programme.ConditionType;
import ma.crafts.register.events.programme.EligibilityRule;
import ma.crafts.register.query.artisan.CardState;
import ma.crafts.register.query.artisan.MembershipState;
import ma.crafts.register.query.programme.ProgrammeVersion;
import ma.crafts.register.values.LocalizedText;

/**
 * Evaluates a programme version's rules against the facts of one actor. Stateless; every rule is evaluated (no short
 * circuit) so the verdict explains each condition, met or not, in Arabic and French. Codes (statuses, regions,
 * branches) are quoted as the register writes them in both languages.
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
        List<RuleOutcome> outcomes = new ArrayList<>(programme.rules().size());
        boolean eligible = true;
        for (EligibilityRule rule : programme.rules()) {
            RuleOutcome outcome = evaluate(rule, facts);
            outcomes.add(outcome);
            eligible &= outcome.satisfied();
        }
        return new ProgrammeEligibility(programme.programId(), programme.version(), programme.effectiveFrom(),
                programme.partner(), programme.name(), programme.provisional(), eligible, outcomes);
    }

    public RuleOutcome evaluate(EligibilityRule rule, EligibilityFacts facts) {
        if (facts.actorKind() != ActorKind.ARTISAN && PERSONS_ONLY.contains(rule.type())) {
            LocalizedText kind = singular(facts.actorKind());
            return outcome(rule, false, "شرط يخص الصانع بصفته شخصا ذاتيا، لا ينطبق على " + kind.ar(),
                    "condition propre à l'artisan, personne physique ; ne s'applique pas à " + kind.fr());
        }
        return switch (rule.type()) {
            case STATUS_IS -> oneOf(rule, "الوضعية في السجل", "statut au registre", facts.status());
            case CATEGORY_IS -> oneOf(rule, "الصفة", "catégorie", facts.category());
            case REGION_IN -> oneOf(rule, "الجهة", "région", facts.regionCode());
            case PROVINCE_IN -> oneOf(rule, "العمالة أو الإقليم", "préfecture ou province", facts.provinceCode());
            case BRANCH_IN -> oneOf(rule, "الفرع الحرفي", "branche", facts.branchCode());
            case ACTOR_KIND_IN -> actorKind(rule, facts);
            case GENDER_IS -> oneOf(rule, "الجنس", "sexe", facts.gender());
            case QUALIFICATION_ROUTE_IN -> oneOf(rule, "طريق التأهيل", "voie de qualification",
                    facts.qualificationRoute());
            case HAS_VALID_CARD -> validCard(rule, facts);
            case MEMBER_OF_PROFESSIONAL_BODY -> membership(rule, facts);
            case YEARS_OF_PRACTICE_AT_LEAST -> yearsOfPractice(rule, facts);
            case AGE_BETWEEN -> age(rule, facts);
            case REGISTERED_FOR_AT_LEAST_MONTHS -> monthsRegistered(rule, facts);
        };
    }

    private static RuleOutcome oneOf(EligibilityRule rule, String whatAr, String whatFr, Object actual) {
        String value = actual == null ? null : actual.toString();
        boolean satisfied = value != null && rule.values().contains(value);
        String ar = whatAr + ": " + (value == null ? "غير معروف" : value);
        String fr = whatFr + " : " + (value == null ? "inconnu" : value);
        if (!satisfied) {
            ar += "؛ المطلوب: " + String.join(" أو ", rule.values());
            fr += " ; requis : " + String.join(" ou ", rule.values());
        }
        return outcome(rule, satisfied, ar, fr);
    }

    private static RuleOutcome actorKind(EligibilityRule rule, EligibilityFacts facts) {
        if (rule.values().contains(facts.actorKind().name())) {
            return oneOf(rule, "نوع الفاعل", "type d'acteur", facts.actorKind());
        }
        LocalizedText kinds = plural(facts.actorKind());
        return outcome(rule, false,
                "البرنامج غير مفتوح " + kinds.ar() + "؛ مفتوح لـ: " + String.join(" أو ", rule.values()),
                "programme non ouvert aux " + kinds.fr() + " ; ouvert à : " + String.join(" ou ", rule.values()));
    }

    private static LocalizedText singular(ActorKind kind) {
        return switch (kind) {
            case ARTISAN -> new LocalizedText("صانع تقليدي", "un artisan");
            case COOPERATIVE -> new LocalizedText("تعاونية", "une coopérative");
            case ENTERPRISE -> new LocalizedText("مقاولة", "une entreprise");
        };
    }

    private static LocalizedText plural(ActorKind kind) {
        return switch (kind) {
            case ARTISAN -> new LocalizedText("للصناع التقليديين", "artisans");
            case COOPERATIVE -> new LocalizedText("للتعاونيات", "coopératives");
            case ENTERPRISE -> new LocalizedText("للمقاولات", "entreprises");
        };
    }

    private static RuleOutcome validCard(EligibilityRule rule, EligibilityFacts facts) {
        if (facts.validCard().isPresent()) {
            CardState card = facts.validCard().get();
            return outcome(rule, true, "البطاقة " + card.cardNumber() + " صالحة إلى غاية " + card.validUntil(),
                    "carte " + card.cardNumber() + " valide jusqu'au " + card.validUntil());
        }
        return outcome(rule, false, "لا توجد بطاقة صالحة بتاريخ " + facts.day() + " لدى صانع في وضعية ACTIVE",
                "aucune carte VALID et non expirée le " + facts.day() + " détenue par un artisan ACTIVE");
    }

    private static RuleOutcome membership(EligibilityRule rule, EligibilityFacts facts) {
        List<MembershipState> matching = facts.memberships().stream()
                .filter(m -> rule.values().isEmpty() || rule.values().contains(m.branchCode()))
                .toList();
        if (!matching.isEmpty()) {
            String bodies = matching.stream().map(MembershipState::bodyId).collect(Collectors.joining(", "));
            return outcome(rule, true, "عضو في الهيئة الحرفية " + bodies, "membre de la corporation " + bodies);
        }
        if (rule.values().isEmpty()) {
            return outcome(rule, false, "ليس عضوا في أي هيئة حرفية", "membre d'aucune corporation professionnelle");
        }
        return outcome(rule, false, "ليس عضوا في هيئة حرفية للفرع " + String.join(" أو ", rule.values()),
                "membre d'aucune corporation de la branche " + String.join(" ou ", rule.values()));
    }

    private static RuleOutcome yearsOfPractice(EligibilityRule rule, EligibilityFacts facts) {
        int required = rule.years();
        int years = facts.yearsOfPractice();
        return outcome(rule, years >= required,
                years + " سنة من الممارسة بتاريخ " + facts.day() + "؛ المطلوب: " + required + " على الأقل",
                years + " ans de pratique le " + facts.day() + " ; requis : au moins " + required);
    }

    /** Says whether the age is within the range, not the age: the verdict is read by roles that see no birth date. */
    private static RuleOutcome age(EligibilityRule rule, EligibilityFacts facts) {
        String range = (rule.minimumAge() == null ? "0" : rule.minimumAge()) + "–"
                + (rule.maximumAge() == null ? "∞" : rule.maximumAge());
        int age = facts.age();
        if (age < 0) {
            return outcome(rule, false, "تاريخ الازدياد غير معروف؛ المطلوب: سن بين " + range,
                    "date de naissance inconnue ; requis : âge entre " + range);
        }
        boolean satisfied = (rule.minimumAge() == null || age >= rule.minimumAge())
                && (rule.maximumAge() == null || age <= rule.maximumAge());
        return outcome(rule, satisfied,
                "السن بتاريخ " + facts.day() + (satisfied ? " ضمن " : " خارج ") + "المجال " + range,
                "âge le " + facts.day() + (satisfied ? " dans " : " hors de ") + "l'intervalle " + range);
    }

    private static RuleOutcome monthsRegistered(EligibilityRule rule, EligibilityFacts facts) {
        int required = rule.months();
        long months = facts.monthsRegistered();
        if (months < 0) {
            return outcome(rule, false, "تاريخ التسجيل غير معروف", "date d'inscription inconnue");
        }
        return outcome(rule, months >= required,
                "مسجل منذ " + months + " شهرا بتاريخ " + facts.day() + "؛ المطلوب: " + required + " على الأقل",
                "inscrit depuis " + months + " mois le " + facts.day() + " ; requis : au moins " + required);
    }

    private static RuleOutcome outcome(EligibilityRule rule, boolean satisfied, String ar, String fr) {
        return new RuleOutcome(rule.rule(), satisfied, new LocalizedText(ar, fr), rule.provisional());
    }
}
