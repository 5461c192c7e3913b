package ma.crafts.register.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.PersonalDataMasking;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.SealedPersonalData;

/**
 * Shows recorded JSON (an event's payload, a folded state) to one caller: sealed personal-data blocks are opened with
 * the vault for full disclosure (null once erased) and replaced by {@code "***"} otherwise, and identifying text
 * recorded in clear is masked for callers with masked disclosure. Recognising a sealed block by its shape covers any
 * event or state that carries one.
 */
public class PersonalDataDisclosure {

    private static final Set<String> SEALED_FIELDS = Set.of("keyId", "algorithm", "nonce", "ciphertext");
    /**
     * Fields recorded in clear that still point at one person: a diploma or attestation number, and the free text of
     * reasons and check details, where a clerk may have written anything. Masked for callers who see personal data
     * masked (a ministry analyst); the view does the same.
     */
    private static final Set<String> IDENTIFYING_TEXT = Set.of("diplomaRef", "evidenceRef", "reason", "detail");

    private final PersonalDataVault vault;
    private final ObjectMapper objectMapper;

    public PersonalDataDisclosure(PersonalDataVault vault, ObjectMapper objectMapper) {
        this.vault = vault;
        this.objectMapper = objectMapper;
    }

    /** A JSON tree as the caller may see it, and whether a sealed block in it could not be opened (erased). */
    public record Shown(JsonNode json, boolean erased) {
    }

    public Shown show(JsonNode node, boolean full) {
        boolean[] erased = {false};
        JsonNode shown = disclose(node, full, erased);
        return new Shown(shown, erased[0]);
    }

    /** Free text as the caller may see it. */
    public static String text(String text, boolean full) {
        return full ? text : PersonalDataMasking.maskText(text);
    }

    /**
     * The leaves that differ between two recorded trees, each named by its path and shown as the caller may see it.
     * A sealed block that changed is opened and compared field by field for full disclosure, and reported whole as
     * {@code "***"} otherwise, so that a masked caller still learns that personal data changed but not how.
     */
    public List<FieldChange> changes(JsonNode before, JsonNode after, boolean full) {
        List<FieldChange> changes = new ArrayList<>();
        compare("", before, after, full, changes);
        return changes;
    }

    private void compare(String path, JsonNode before, JsonNode after, boolean full, List<FieldChange> changes) {
        JsonNode was = present(before);
        JsonNode is = present(after);
        if (was.equals(is)) {
            return;
        }
        if (isSealed(was) || isSealed(is)) {
            if (full) {
                compare(path, open(was), open(is), true, changes);
            } else {
                changes.add(new FieldChange(path, masked(was), masked(is)));
            }
            return;
        }
        if (bothOr(was, is, JsonNode::isObject)) {
            Set<String> names = new LinkedHashSet<>();
            was.fieldNames().forEachRemaining(names::add);
            is.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(path.isEmpty() ? name : path + "." + name, was.get(name), is.get(name), full, changes);
            }
            return;
        }
        if (bothOr(was, is, JsonNode::isArray)) {
            for (int i = 0; i < Math.max(was.size(), is.size()); i++) {
                compare(path + "[" + i + "]", was.get(i), is.get(i), full, changes);
            }
            return;
        }
        changes.add(new FieldChange(path, leaf(path, was, full), leaf(path, is, full)));
    }

    /** Both nodes are containers of one kind, or one is and the other is absent (a card issued, a field first set). */
    private static boolean bothOr(JsonNode was, JsonNode is, Predicate<JsonNode> kind) {
        return (kind.test(was) || was.isNull()) && (kind.test(is) || is.isNull());
    }

    private JsonNode leaf(String path, JsonNode value, boolean full) {
        String name = path.substring(path.lastIndexOf('.') + 1);
        if (!full && value.isTextual() && IDENTIFYING_TEXT.contains(name)) {
            return JsonNodeFactory.instance.textNode(PersonalDataMasking.MASK);
        }
        return disclose(value, full, new boolean[1]);
    }

    private static JsonNode masked(JsonNode value) {
        return value.isNull() ? value : JsonNodeFactory.instance.textNode(PersonalDataMasking.MASK);
    }

    private JsonNode open(JsonNode value) {
        return value instanceof ObjectNode sealed && isSealed(sealed)
                ? disclose(sealed, true, new boolean[1]) : value;
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isMissingNode() ? JsonNodeFactory.instance.nullNode() : node;
    }

    private JsonNode disclose(JsonNode node, boolean full, boolean[] erased) {
        if (node instanceof ObjectNode object) {
            if (isSealed(object)) {
                if (!full) {
                    return JsonNodeFactory.instance.textNode(PersonalDataMasking.MASK);
                }
                Optional<PersonalData> opened = vault.open(objectMapper.convertValue(object, SealedPersonalData.class));
                if (opened.isEmpty()) {
                    erased[0] = true;
                    return JsonNodeFactory.instance.nullNode();
                }
                return objectMapper.valueToTree(opened.get());
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                boolean hidden = !full && field.getValue().isTextual()
                        && IDENTIFYING_TEXT.contains(field.getKey());
                copy.set(field.getKey(), hidden ? JsonNodeFactory.instance.textNode(PersonalDataMasking.MASK)
                        : disclose(field.getValue(), full, erased));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> copy.add(disclose(element, full, erased)));
            return copy;
        }
        return node;
    }

    private static boolean isSealed(JsonNode node) {
        if (!(node instanceof ObjectNode object) || object.size() != SEALED_FIELDS.size()) {
            return false;
        }
        for (String field : SEALED_FIELDS) {
            if (!object.has(field)) {
                return false;
            }
        }
        return true;
    }
}
