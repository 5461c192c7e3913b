package ma.crafts.register.query.eligibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.LocalizedText;
import org.springframework.core.io.Resource;

/**
 * The benefit programmes, read from a JSON document (by default {@code classpath:eligibility/programmes.json},
 * replaceable with {@code register.programmes.file}). The document is validated as a whole at start-up; a broken file
 * stops the service with every problem listed rather than answering eligibility questions wrongly.
 */
public final class ProgrammeCatalogue {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROGRAM_ID = "[A-Z0-9][A-Z0-9_-]{0,39}";
    private static final String RULE_NAME = "[a-z0-9][a-z0-9-]{0,63}";
    private static final String REGION_CODE = "MA-\\d{2}";
    private static final Set<ConditionType> LIST_CONDITIONS =
            EnumSet.of(ConditionType.STATUS_IS, ConditionType.CATEGORY_IS, ConditionType.REGION_IN, ConditionType.BRANCH_IN);

    private final String version;
    private final List<Programme> programmes;

    private ProgrammeCatalogue(String version, List<Programme> programmes) {
        this.version = version;
        this.programmes = List.copyOf(programmes);
    }

    public String version() {
        return version;
    }

    /** The programmes in file order. */
    public List<Programme> programmes() {
        return programmes;
    }

    public static ProgrammeCatalogue load(Resource resource) {
        String source = resource.getDescription();
        try (InputStream in = resource.getInputStream()) {
            return parse(utf8(in.readAllBytes(), source), source);
        } catch (IOException e) {
            throw new InvalidProgrammeFileException(source, List.of("cannot read the file (" + e.getMessage() + ")"));
        }
    }

    public static ProgrammeCatalogue parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidProgrammeFileException(source, List.of("not valid JSON (" + e.getMessage() + ")"));
        }
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidProgrammeFileException(source, List.of("the document must be a JSON object"));
        }
        String version = text(root, "version");
        if (version == null) {
            problems.add("version is missing");
        }
        JsonNode list = root.get("programmes");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add("programmes must be a non-empty array");
            throw new InvalidProgrammeFileException(source, problems);
        }
        Map<String, Programme> programmes = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode node : list) {
            String where = "programmes[" + index++ + "]";
            Programme programme = programme(node, where, problems);
            if (programme != null && programmes.putIfAbsent(programme.programId(), programme) != null) {
                problems.add(where + ": duplicate programId " + programme.programId());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidProgrammeFileException(source, problems);
        }
        return new ProgrammeCatalogue(version, new ArrayList<>(programmes.values()));
    }

    private static Programme programme(JsonNode node, String where, List<String> problems) {
        if (!node.isObject()) {
            problems.add(where + ": must be an object");
            return null;
        }
        String programId = text(node, "programId");
        if (programId == null || !programId.matches(PROGRAM_ID)) {
            problems.add(where + ": programId must be 1-40 upper-case letters, digits, '_' or '-'");
        }
        String at = where + " (" + programId + ")";
        String partner = text(node, "partner");
        if (partner == null) {
            problems.add(at + ": partner is missing");
        }
        LocalizedText name = name(node, at, problems);
        Boolean provisional = flag(node, "provisional", at, problems);
        JsonNode rulesNode = node.get("rules");
        List<EligibilityRule> rules = new ArrayList<>();
        if (rulesNode == null || !rulesNode.isArray() || rulesNode.isEmpty()) {
            problems.add(at + ": rules must be a non-empty array");
        } else {
            Set<String> names = new HashSet<>();
            int index = 0;
            for (JsonNode ruleNode : rulesNode) {
                EligibilityRule rule = rule(ruleNode, at + ".rules[" + index++ + "]", problems);
                if (rule != null) {
                    if (!names.add(rule.rule())) {
                        problems.add(at + ": rule name " + rule.rule() + " is used twice");
                    }
                    rules.add(rule);
                }
            }
        }
        if (programId == null || partner == null || provisional == null) {
            return null;
        }
        return new Programme(programId, partner, name, provisional, text(node, "basis"), rules);
    }

    private static EligibilityRule rule(JsonNode node, String where, List<String> problems) {
        if (!node.isObject()) {
            problems.add(where + ": must be an object");
            return null;
        }
        String name = text(node, "rule");
        if (name == null || !name.matches(RULE_NAME)) {
            problems.add(where + ": rule must be a lower-case name such as rna-status-active");
        }
        String typeText = text(node, "type");
        ConditionType type = null;
        try {
            type = typeText == null ? null : ConditionType.valueOf(typeText);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (type == null) {
            problems.add(where + ": type '" + typeText + "' is not one of " + List.of(ConditionType.values()));
        }
        List<String> values = new ArrayList<>();
        JsonNode valuesNode = node.get("values");
        if (valuesNode != null) {
            if (!valuesNode.isArray()) {
                problems.add(where + ": values must be an array of strings");
            } else {
                for (JsonNode v : valuesNode) {
                    if (!v.isTextual() || v.asText().isBlank()) {
                        problems.add(where + ": values must be non-blank strings");
                    } else {
                        values.add(v.asText().strip());
                    }
                }
            }
        }
        Integer years = null;
        JsonNode yearsNode = node.get("years");
        if (yearsNode != null) {
            if (!yearsNode.canConvertToInt() || !yearsNode.isIntegralNumber() || yearsNode.asInt() < 0) {
                problems.add(where + ": years must be a whole number of at least 0");
            } else {
                years = yearsNode.asInt();
            }
        }
        Boolean provisional = flag(node, "provisional", where, problems);
        if (type != null) {
            checkParameters(type, values, years, where, problems);
        }
        if (name == null || type == null || provisional == null) {
            return null;
        }
        return new EligibilityRule(name, type, values, years, provisional, text(node, "basis"));
    }

    private static void checkParameters(ConditionType type, List<String> values, Integer years, String where,
                                        List<String> problems) {
        if (LIST_CONDITIONS.contains(type) && values.isEmpty()) {
            problems.add(where + ": " + type + " needs a non-empty values list");
        }
        if (type == ConditionType.YEARS_OF_PRACTICE_AT_LEAST && years == null) {
            problems.add(where + ": YEARS_OF_PRACTICE_AT_LEAST needs years");
        }
        if (type != ConditionType.YEARS_OF_PRACTICE_AT_LEAST && years != null) {
            problems.add(where + ": years only applies to YEARS_OF_PRACTICE_AT_LEAST");
        }
        if ((type == ConditionType.HAS_VALID_CARD || type == ConditionType.YEARS_OF_PRACTICE_AT_LEAST)
                && !values.isEmpty()) {
            problems.add(where + ": " + type + " takes no values");
        }
        Set<String> allowed = switch (type) {
            case STATUS_IS -> names(ArtisanStatus.values());
            case CATEGORY_IS -> names(ArtisanCategory.values());
            default -> null;
        };
        for (String value : values) {
            if (allowed != null && !allowed.contains(value)) {
                problems.add(where + ": '" + value + "' is not one of " + allowed);
            }
            if (type == ConditionType.REGION_IN && !value.matches(REGION_CODE)) {
                problems.add(where + ": '" + value + "' is not a region code MA-NN");
            }
        }
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static LocalizedText name(JsonNode node, String where, List<String> problems) {
        JsonNode name = node.get("name");
        String ar = name == null ? null : text(name, "ar");
        String fr = name == null ? null : text(name, "fr");
        if (ar == null || ar.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC)) {
            problems.add(where + ": name.ar must be an Arabic text");
        }
        if (fr == null) {
            problems.add(where + ": name.fr is missing");
        }
        return new LocalizedText(ar, fr);
    }

    private static Boolean flag(JsonNode node, String field, String where, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            problems.add(where + ": " + field + " must be true or false");
            return null;
        }
        return value.asBoolean();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        return value.asText().strip();
    }

    private static String utf8(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidProgrammeFileException(source, List.of("not valid UTF-8"));
        }
    }

    /** The programme file cannot be used; the message lists every problem found. */
    public static class InvalidProgrammeFileException extends RuntimeException {
        private final List<String> problems;

        public InvalidProgrammeFileException(String source, List<String> problems) {
            super("Invalid programme file " + source + ": " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
