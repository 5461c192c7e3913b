package ma.crafts.register.query.eligibility;

import java.util.List;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.events.programme.EligibilityRule;
import ma.crafts.register.values.LocalizedText;

/**
 * The Arabic and French sentences that explain a {@link RuleFinding}, from the rule and the facts the finding quotes.
 * The constants' names are stored with every finding: renaming one needs a rebuild of the eligibility model.
 */
public enum RuleWording {

    /** A rule about a person, judged for a cooperative or an enterprise. Quotes the actor kind. */
    NOT_FOR_KIND {
        @Override
        LocalizedText detail(EligibilityRule rule, boolean satisfied, List<String> values) {
            LocalizedText kind = singular(ActorKind.valueOf(values.get(0)));
            return new LocalizedText("شرط يخص الصانع بصفته شخصا ذاتيا، لا ينطبق على " + kind.ar(),
                    "condition propre à l'artisan, personne physique ; ne s'applique pas à " + kind.fr());
        }
    },
    /** An actor kind rule that leaves the actor's kind out. Quotes the actor kind. */
    CLOSED_TO_KIND {
        @Override
        LocalizedText detail(EligibilityRule rule, boolean satisfied, List<String> values) {
            LocalizedText kinds = plural(ActorKind.valueOf(values.get(0)));
            return new LocalizedText(
                    "البرنامج غير مفتوح " + kinds.ar() + "؛ مفتوح لـ: " + String.join(" أو ", rule.values()),
                    "programme non ouvert aux " + kinds.fr() + " ; ouvert à : " + String.join(" ou ", rule.values()));
        }
    },
    /** A value that must be one of the rule's. Quotes the actor's value, none when unknown. */
    ONE_OF {
        @Override
        LocalizedText detail(EligibilityRule rule, boolean satisfied, List<String> values) {
            LocalizedText what = subject(rule);
            String value = values.isEmpty() ? null : values.get(0);
            String ar = what.ar() + ": " + (value == null ? "غير معروف" : value);
            String fr = what.fr() + " : " + (value == null ? "inconnu" : value);
            if (!satisfied) {
                ar += "؛ المطلوب: " + String.join(" أو ", rule.values());
                fr += " ; requis : " + String.join(" ou ", rule.values());
            }
            return new LocalizedText(ar, fr);
        }
    },
    /** Quotes the card number and its last day of validity. */
    VALID_CARD {
        @Override
        LocalizedText detail(EligibilityRule rule, boolean satisfied, List<String> values) {
            return new LocalizedText("البطاقة " + values.get(0) + " صالحة إلى غاية " + values.get(1),
                    "carte " + values.get(0) + " valide jusqu'au " + values.get(1));
        }
    },
    /** Quotes the day judged. */
    NO_VALID_CARD {
        @Override
        LocalizedText detail(EligibilityRule rule, boolean satisfied, List<String> values) {
            return new LocalizedText("لا توجد بطاقة صالحة بتاريخ " + values.get(0) + " لدى صانع في وضعية ACTIVE",
                    "aucune carte VALID et non expirée le " + values.get(0) + " détenue par un artisan ACTIVE");
        }
    },
    /** Quotes the bodies, joined. */
    MEMBER {
        @Override
        LocalizedText detail(EligibilityRule rule, boolean satisfied, List<String> values) {
            return new LocalizedText("عضو في الهيئة الحرفية " + values.get(0), "membre de la corporation " + values.get(0));
        }
    },
    /** Member of no body (of the rule's branches, when it names some). Quotes nothing. */
    NOT_A_MEMBER {
        @Override
        LocalizedText detail(EligibilityRule rule, boolean satisfied, List<String> values) {
            if (rule.values().isEmpty()) {
                return new LocalizedText("ليس عضوا في أي هيئة حرفية", "membre d'aucune corporation professionnelle");
            }
            return new LocalizedText("ليس عضوا في هيئة حرفية للفرع " + String.join(" أو ", rule.values()),
                    "membre d'aucune corporation de la branche " + String.join(" ou ", rule.values()));
        }
    },
    /** Quotes the years of practice and the day judged. */
    YEARS_OF_PRACTICE {
        @Override
        LocalizedText detail(EligibilityRule rule, boolean satisfied, List<String> values) {
            return new LocalizedText(
                    values.get(0) + " سنة من الممارسة بتاريخ " + values.get(1) + "؛ المطلوب: " + rule.years() + " على الأقل",
                    values.get(0) + " ans de pratique le " + values.get(1) + " ; requis : au moins " + rule.years());
        }
    },
    /** Quotes nothing. */
    AGE_UNKNOWN {
        @Override
        LocalizedText detail(EligibilityRule rule, boolean satisfied, List<String> values) {
            return new LocalizedText("تاريخ الازدياد غير معروف؛ المطلوب: سن بين " + ageRange(rule),
                    "date de naissance inconnue ; requis : âge entre " + ageRange(rule));
        }
    },
    /** Quotes the day judged, not the age: the verdict is read by roles that see no birth date. */
    AGE {
        @Override
        LocalizedText detail(EligibilityRule rule, boolean satisfied, List<String> values) {
            return new LocalizedText(
                    "السن بتاريخ " + values.get(0) + (satisfied ? " ضمن " : " خارج ") + "المجال " + ageRange(rule),
                    "âge le " + values.get(0) + (satisfied ? " dans " : " hors de ") + "l'intervalle " + ageRange(rule));
        }
    },
    /** Quotes nothing. */
    REGISTRATION_UNKNOWN {
        @Override
        LocalizedText detail(EligibilityRule rule, boolean satisfied, List<String> values) {
            return new LocalizedText("تاريخ التسجيل غير معروف", "date d'inscription inconnue");
        }
    },
    /** Quotes the whole months registered and the day judged. */
    MONTHS_REGISTERED {
        @Override
        LocalizedText detail(EligibilityRule rule, boolean satisfied, List<String> values) {
            return new LocalizedText(
                    "مسجل منذ " + values.get(0) + " شهرا بتاريخ " + values.get(1) + "؛ المطلوب: " + rule.months() + " على الأقل",
                    "inscrit depuis " + values.get(0) + " mois le " + values.get(1) + " ; requis : au moins " + rule.months());
        }
    };

    abstract LocalizedText detail(EligibilityRule rule, boolean satisfied, List<String> values);

    private static LocalizedText subject(EligibilityRule rule) {
        return switch (rule.type()) {
            case STATUS_IS -> new LocalizedText("الوضعية في السجل", "statut au registre");
            case CATEGORY_IS -> new LocalizedText("الصفة", "catégorie");
            case REGION_IN -> new LocalizedText("الجهة", "région");
            case PROVINCE_IN -> new LocalizedText("العمالة أو الإقليم", "préfecture ou province");
            case BRANCH_IN -> new LocalizedText("الفرع الحرفي", "branche");
            case ACTOR_KIND_IN -> new LocalizedText("نوع الفاعل", "type d'acteur");
            case GENDER_IS -> new LocalizedText("الجنس", "sexe");
            case QUALIFICATION_ROUTE_IN -> new LocalizedText("طريق التأهيل", "voie de qualification");
            default -> throw new IllegalArgumentException(rule.type() + " does not compare a value with a list");
        };
    }

    private static String ageRange(EligibilityRule rule) {
        return (rule.minimumAge() == null ? "0" : rule.minimumAge()) + "–"
                + (rule.maximumAge() == null ? "∞" : rule.maximumAge());
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
}
