package ma.crafts.register.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.crafts.register.values.LocalizedText;

/**
 * The nomenclature of craft activities (Decree 2.21.991: categories → branches → activities), as versioned data.
 * Events record the activity code together with {@link #version()}, so a later official list can replace this one
 * without rewriting history. The file shipped on the classpath is provisional (see its {@code notice}); operators
 * replace it with {@code register.nomenclature.file} (system property) or {@code REGISTER_NOMENCLATURE_FILE}
 * (environment), no code change needed. Immutable and thread-safe.
 */
public final class Nomenclature {

    public record Category(String code, LocalizedText name) {
    }

    public record Branch(String code, String categoryCode, LocalizedText name) {
    }

    public record Activity(String code, String branchCode, LocalizedText name) {
    }

    public static final String RESOURCE = "reference/nomenclature.json";
    public static final String FILE_PROPERTY = "register.nomenclature.file";
    public static final String FILE_ENV = "REGISTER_NOMENCLATURE_FILE";
    private static final String CODE_PATTERN = "[A-Z0-9][A-Z0-9._-]{0,31}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String version;
    private final boolean provisional;
    private final String notice;
    private final Map<String, Category> categories;
    private final Map<String, Branch> branches;
    private final Map<String, Activity> activities;

    private Nomenclature(String version, boolean provisional, String notice, Map<String, Category> categories,
                         Map<String, Branch> branches, Map<String, Activity> activities) {
        this.version = version;
        this.provisional = provisional;
        this.notice = notice;
        this.categories = Collections.unmodifiableMap(categories);
        this.branches = Collections.unmodifiableMap(branches);
        this.activities = Collections.unmodifiableMap(activities);
    }

    /**
     * Loads the nomenclature named by the system property {@value #FILE_PROPERTY}, else by the environment variable
     * {@value #FILE_ENV}, else the classpath file {@value #RESOURCE}.
     */
    public static Nomenclature load() {
        String override = System.getProperty(FILE_PROPERTY);
        if (override == null || override.isBlank()) {
            override = System.getenv(FILE_ENV);
        }
        return load(override);
    }

    /** Loads {@code file} if it is non-blank (a path, or {@code classpath:name}), else the classpath default. */
    public static Nomenclature load(String file) {
        if (file == null || file.isBlank()) {
            return parse(Geography.readResource(RESOURCE), "classpath:" + RESOURCE);
        }
        if (file.startsWith("classpath:")) {
            String resource = file.substring("classpath:".length()).replaceFirst("^/", "");
            return parse(Geography.readResource(resource), file);
        }
        Path path = Path.of(file);
        try {
            return parse(Geography.utf8(Files.readAllBytes(path), path.toString()), path.toString());
        } catch (IOException e) {
            throw new ReferenceDataException(path.toString(), "cannot read the file (" + e + ")", e);
        }
    }

    /** Parses and validates a nomenclature document; throws {@link ReferenceDataException} listing every problem. */
    public static Nomenclature parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ReferenceDataException(source, "not valid JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new ReferenceDataException(source, List.of("the document must be a JSON object"));
        }
        List<String> problems = new ArrayList<>();
        String version = text(root, "version");
        if (version == null) {
            problems.add("version is missing");
        }
        JsonNode provisionalNode = root.get("provisional");
        if (provisionalNode == null || !provisionalNode.isBoolean()) {
            problems.add("provisional must be true or false");
        }
        boolean provisional = provisionalNode != null && provisionalNode.asBoolean();
        String notice = text(root, "notice");
        if (provisional && notice == null) {
            problems.add("a provisional nomenclature needs a notice saying why");
        }

        Map<String, Category> categories = new LinkedHashMap<>();
        for (JsonNode node : array(root, "categories", problems)) {
            String where = "categories[" + categories.size() + "]";
            String code = code(node, where, problems);
            LocalizedText name = name(node, where, problems);
            if (code != null && categories.putIfAbsent(code, new Category(code, name)) != null) {
                problems.add(where + ": duplicate category code " + code);
            }
        }
        Map<String, Branch> branches = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode node : array(root, "branches", problems)) {
            String where = "branches[" + index++ + "]";
            String code = code(node, where, problems);
            LocalizedText name = name(node, where, problems);
            String categoryCode = text(node, "categoryCode");
            if (categoryCode == null || !categories.containsKey(categoryCode)) {
                problems.add(where + " (" + code + "): categoryCode '" + categoryCode + "' is not a category of this file");
            }
            if (code != null && branches.putIfAbsent(code, new Branch(code, categoryCode, name)) != null) {
                problems.add(where + ": duplicate branch code " + code);
            }
        }
        Map<String, Activity> activities = new LinkedHashMap<>();
        index = 0;
        for (JsonNode node : array(root, "activities", problems)) {
            String where = "activities[" + index++ + "]";
            String code = code(node, where, problems);
            LocalizedText name = name(node, where, problems);
            String branchCode = text(node, "branchCode");
            if (branchCode == null || !branches.containsKey(branchCode)) {
                problems.add(where + " (" + code + "): branchCode '" + branchCode + "' is not a branch of this file");
            }
            if (code != null && activities.putIfAbsent(code, new Activity(code, branchCode, name)) != null) {
                problems.add(where + ": duplicate activity code " + code);
            }
        }
        branches.values().stream()
                .filter(b -> activities.values().stream().noneMatch(a -> a.branchCode().equals(b.code())))
                .forEach(b -> problems.add("branch " + b.code() + " has no activity"));
        if (!problems.isEmpty()) {
            throw new ReferenceDataException(source, problems);
        }
        return new Nomenclature(version, provisional, notice, categories, branches, activities);
    }

    /** The version recorded in events next to each activity code, e.g. {@code 2021-provisional-1}. */
    public String version() {
        return version;
    }

    /** True while the list is not the official annex of Decree 2.21.991. */
    public boolean provisional() {
        return provisional;
    }

    /** Why the list is provisional, or null for an official list without a notice. */
    public String notice() {
        return notice;
    }

    public List<Category> categories() {
        return List.copyOf(categories.values());
    }

    public List<Branch> branches() {
        return List.copyOf(branches.values());
    }

    public List<Activity> activities() {
        return List.copyOf(activities.values());
    }

    public Optional<Category> category(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(categories.get(code));
    }

    public Optional<Branch> branch(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(branches.get(code));
    }

    public Optional<Activity> activity(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(activities.get(code));
    }

    public List<Activity> activitiesOf(String branchCode) {
        return activities.values().stream().filter(a -> a.branchCode().equals(branchCode)).toList();
    }

    private static Iterable<JsonNode> array(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add(field + " must be a non-empty array");
            return List.of();
        }
        return node;
    }

    private static String code(JsonNode node, String where, List<String> problems) {
        String code = text(node, "code");
        if (code == null) {
            problems.add(where + ": code is missing");
            return null;
        }
        if (!code.matches(CODE_PATTERN)) {
            problems.add(where + ": code '" + code + "' must be 1-32 upper-case letters, digits, '.', '_' or '-'");
        }
        return code;
    }

    private static LocalizedText name(JsonNode node, String where, List<String> problems) {
        JsonNode name = node.get("name");
        String ar = name == null ? null : text(name, "ar");
        String fr = name == null ? null : text(name, "fr");
        String code = text(node, "code");
        if (ar == null) {
            problems.add(where + " (" + code + "): name.ar (Arabic) is missing");
        } else if (ar.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC)) {
            problems.add(where + " (" + code + "): name.ar '" + ar + "' contains no Arabic letter");
        }
        if (fr == null) {
            problems.add(where + " (" + code + "): name.fr (French) is missing");
        }
        return new LocalizedText(ar, fr);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        return value.asText().strip();
    }
}
