package ma.crafts.register.command.programme;

import static ma.crafts.register.events.programme.ConditionType.AGE_BETWEEN;
import static ma.crafts.register.events.programme.ConditionType.HAS_VALID_CARD;
import static ma.crafts.register.events.programme.ConditionType.MEMBER_OF_PROFESSIONAL_BODY;
import static ma.crafts.register.events.programme.ConditionType.REGISTERED_FOR_AT_LEAST_MONTHS;
import static ma.crafts.register.events.programme.ConditionType.YEARS_OF_PRACTICE_AT_LEAST;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import ma.crafts.register.errors.InvalidInputException.FieldProblem;
import ma.crafts.register.events.programme.ActorKind;
import ma.crafts.register.events.programme.ConditionType;
import ma.crafts.register.events.programme.EligibilityRule;
import ma.crafts.register.events.programme.ProgrammeTerms;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.QualificationRoute;

/**
 * Checks a programme version's terms against the rule vocabulary ({@link ConditionType}) and the reference data.
 * Every problem is reported, each under the rule it concerns ({@code rules[i]}, with the rule's name), so an
 * administrator can mend every bad rule at once.
 */
public class ProgrammeRuleCheck {
    static final int MAX_RULES = 50;
    static final int MAX_TEXT = 300;
    static final int MAX_BASIS = 2000;
    private static final String RULE_NAME = "[a-z0-9][a-z0-9-]{0,63}";
    private static final Set<ConditionType> WITHOUT_VALUES =
            EnumSet.of(HAS_VALID_CARD, YEARS_OF_PRACTICE_AT_LEAST, AGE_BETWEEN, REGISTERED_FOR_AT_LEAST_MONTHS);

    private final Geography geography;
    private final Nomenclature nomenclature;

    public ProgrammeRuleCheck(Geography geography, Nomenclature nomenclature) {
        this.geography = geography;
        this.nomenclature = nomenclature;
    }

    public List<FieldProblem> problems(ProgrammeTerms terms) {
        List<FieldProblem> problems = new ArrayList<>();
        if (terms == null) {
            problems.add(new FieldProblem("terms", "partner, name and rules are required"));
            return problems;
        }
        text("partner", terms.partner(), MAX_TEXT, problems);
        LocalizedText name = terms.name();
        String ar = name == null ? null : name.ar();
        if (ar == null || ar.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC)) {
            problems.add(new FieldProblem("name.ar", "must be an Arabic text"));
        } else {
            text("name.ar", ar, MAX_TEXT, problems);
        }
        text("name.fr", name == null ? null : name.fr(), MAX_TEXT, problems);
        if (terms.basis() != null && terms.basis().length() > MAX_BASIS) {
            problems.add(new FieldProblem("basis", "at most " + MAX_BASIS + " characters"));
        }
        if (terms.rules().isEmpty() || terms.rules().size() > MAX_RULES) {
            problems.add(new FieldProblem("rules", "between 1 and " + MAX_RULES + " rules"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < terms.rules().size(); i++) {
            EligibilityRule rule = terms.rules().get(i);
            String field = "rules[" + i + "]";
            if (rule == null) {
                problems.add(new FieldProblem(field, "must be a rule"));
                continue;
            }
            List<String> ruleProblems = problems(rule);
            if (rule.rule() != null && !names.add(rule.rule())) {
                ruleProblems.add("the rule name is used twice");
            }
            ruleProblems.forEach(p -> problems.add(new FieldProblem(field, "rule '" + rule.rule() + "': " + p)));
        }
        return problems;
    }

    private List<String> problems(EligibilityRule rule) {
        List<String> problems = new ArrayList<>();
        if (rule.rule() == null || !rule.rule().matches(RULE_NAME)) {
            problems.add("the name must be lower-case letters, digits and '-', such as rna-status-active");
        }
        if (rule.basis() != null && rule.basis().length() > MAX_BASIS) {
            problems.add("basis: at most " + MAX_BASIS + " characters");
        }
        ConditionType type = rule.type();
        if (type == null) {
            problems.add("type must be one of " + Arrays.toString(ConditionType.values()));
            return problems;
        }
        if (WITHOUT_VALUES.contains(type)) {
            if (!rule.values().isEmpty()) {
                problems.add(type + " takes no values");
            }
        } else if (type != MEMBER_OF_PROFESSIONAL_BODY && rule.values().isEmpty()) {
            problems.add(type + " needs a non-empty values list");
        }
        Predicate<String> known = known(type);
        for (String value : rule.values()) {
            if (value == null || !known.test(value)) {
                problems.add("'" + value + "' is not " + expected(type));
            }
        }
        threshold(rule.years(), type == YEARS_OF_PRACTICE_AT_LEAST, true, "years", 100, type, problems);
        threshold(rule.months(), type == REGISTERED_FOR_AT_LEAST_MONTHS, true, "months", 1200, type, problems);
        boolean age = type == AGE_BETWEEN;
        threshold(rule.minimumAge(), age, false, "minimumAge", 150, type, problems);
        threshold(rule.maximumAge(), age, false, "maximumAge", 150, type, problems);
        if (age && rule.minimumAge() == null && rule.maximumAge() == null) {
            problems.add("AGE_BETWEEN needs minimumAge, maximumAge or both");
        }
        if (age && rule.minimumAge() != null && rule.maximumAge() != null && rule.minimumAge() > rule.maximumAge()) {
            problems.add("minimumAge " + rule.minimumAge() + " is above maximumAge " + rule.maximumAge());
        }
        return problems;
    }

    private static void threshold(Integer value, boolean applies, boolean required, String parameter, int maximum,
                                  ConditionType type, List<String> problems) {
        if (value == null) {
            if (applies && required) {
                problems.add(type + " needs " + parameter);
            }
        } else if (!applies) {
            problems.add(parameter + " does not apply to " + type);
        } else if (value < 0 || value > maximum) {
            problems.add(parameter + " must be between 0 and " + maximum);
        }
    }

    private Predicate<String> known(ConditionType type) {
        return switch (type) {
            case STATUS_IS -> among(ArtisanStatus.values());
            case CATEGORY_IS -> among(ArtisanCategory.values());
            case ACTOR_KIND_IN -> among(ActorKind.values());
            case GENDER_IS -> among(Gender.values());
            case QUALIFICATION_ROUTE_IN -> among(QualificationRoute.values());
            case REGION_IN -> code -> geography.region(code).isPresent();
            case PROVINCE_IN -> code -> geography.province(code).isPresent();
            case BRANCH_IN, MEMBER_OF_PROFESSIONAL_BODY -> code -> nomenclature.branch(code).isPresent();
            case HAS_VALID_CARD, YEARS_OF_PRACTICE_AT_LEAST, AGE_BETWEEN, REGISTERED_FOR_AT_LEAST_MONTHS -> value -> false;
        };
    }

    private String expected(ConditionType type) {
        return switch (type) {
            case STATUS_IS -> "one of " + Arrays.toString(ArtisanStatus.values());
            case CATEGORY_IS -> "one of " + Arrays.toString(ArtisanCategory.values());
            case ACTOR_KIND_IN -> "one of " + Arrays.toString(ActorKind.values());
            case GENDER_IS -> "one of " + Arrays.toString(Gender.values());
            case QUALIFICATION_ROUTE_IN -> "one of " + Arrays.toString(QualificationRoute.values());
            case REGION_IN -> "a region code of the geography";
            case PROVINCE_IN -> "a prefecture or province code of the geography";
            case BRANCH_IN, MEMBER_OF_PROFESSIONAL_BODY -> "a branch of nomenclature " + nomenclature.version();
            case HAS_VALID_CARD, YEARS_OF_PRACTICE_AT_LEAST, AGE_BETWEEN, REGISTERED_FOR_AT_LEAST_MONTHS -> "allowed";
        };
    }

    private static Predicate<String> among(Enum<?>[] values) {
        Set<String> names = Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
        return names::contains;
    }

    private static void text(String field, String value, int maximum, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (value.length() > maximum) {
            problems.add(new FieldProblem(field, "at most " + maximum + " characters"));
        }
    }
}
