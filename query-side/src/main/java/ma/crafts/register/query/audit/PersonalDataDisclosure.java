package ma.crafts.register.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.PersonalDataMasking;
import ma.crafts.register.query.PersonalDetails;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.SealedPersonalData;
import ma.crafts.register.values.SealedText;

/**
 * Shows recorded JSON (an event's payload, a folded state) to one caller: sealed personal-data blocks are opened with
 * the vault for full disclosure (null once erased) and replaced by {@code "***"} otherwise, sealed text (a reason, a
 * diploma or attestation number) the same way, and identifying text recorded in clear (the registered qualification's
 * diploma reference) is masked for callers with masked disclosure. Recognising a sealed block by its shape covers any
 * event or state that carries one. What full disclosure shows in clear is named in the caller's {@code shownInClear},
 * for the read log.
 */
public class PersonalDataDisclosure {

    private static final Set<String> SEALED_FIELDS = Set.of("keyId", "algorithm", "nonce", "ciphertext");
    private static final Set<String> SEALED_TEXT_FIELDS = Set.of("keyId", "algorithm", "nonce", "sealedText");
    /**
     * Fields recorded in clear that still point at one person: a diploma or attestation number, and the free text of
     * reasons and check details, where a clerk may have written anything (events before revision 2 read through the
     * upcaster come sealed, so such text in clear is from a view stored before then). Masked for callers who see
     * personal data masked (a ministry analyst); the view does the same.
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

    /**
     * Starts showing recorded JSON to one caller, for one response: what full disclosure shows in clear is added to
     * {@code shownInClear}.
     */
    public Reading reading(boolean full, Set<String> shownInClear) {
        return new Reading(full, shownInClear);
    }

    /** What one walk met: a sealed block it could not open, and the fields it showed in clear. */
    private static final class Seen {
        private final Set<String> shownInClear;
        private boolean erased;

        private Seen(Set<String> shownInClear) {
            this.shownInClear = shownInClear;
        }
    }

    /** A sealed personal-data block opened: its fields as JSON and the names of those shown in clear. */
    private record Opened(JsonNode json, List<String> fieldNames) {
    }

    /**
     * One response's disclosure. A history page meets the same sealed block several times (an amendment's payload, and
     * the folded states after it and before the next change), so each block is opened with the vault once per response;
     * a block that cannot be opened (erased) stays unopened for the whole response.
     */
    public final class Reading {
        private final boolean full;
        private final Set<String> shownInClear;
        private final Map<JsonNode, Optional<Opened>> opened = new HashMap<>();

        private Reading(boolean full, Set<String> shownInClear) {
            this.full = full;
            this.shownInClear = shownInClear;
        }

        public Shown show(JsonNode node) {
            Seen seen = new Seen(shownInClear);
            JsonNode shown = disclose(node, full, seen);
            return new Shown(shown, seen.erased);
        }

        /**
         * The leaves that differ between two recorded trees, each named by its path and shown as the caller may see
         * it. A sealed block that changed is opened and compared field by field for full disclosure, and reported
         * whole as {@code "***"} otherwise, so that a masked caller still learns that personal data changed but not
         * how. A change from or to an erased block is reported whole too: full disclosure sees the data go away, not
         * what it was.
         */
        public List<FieldChange> changes(JsonNode before, JsonNode after) {
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
            if (hasShape(was, SEALED_TEXT_FIELDS) || hasShape(is, SEALED_TEXT_FIELDS)) {
                compareText(path, was, is, full, changes);
                return;
            }
            if (isSealed(was) || isSealed(is)) {
                if (full) {
                    Seen opening = new Seen(new LinkedHashSet<>());
                    JsonNode openedWas = disclose(was, true, opening);
                    JsonNode openedIs = disclose(is, true, opening);
                    if (!opening.erased) {
                        shownInClear.addAll(opening.shownInClear);
                        compare(path, openedWas, openedIs, true, changes);
                        return;
                    }
                }
                changes.add(new FieldChange(path, masked(was), masked(is)));
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

        /**
         * A sealed text (a reason, a reference) that changed, shown whole: opened for full disclosure, masked otherwise
         * or once erased. Two sealings of one text differ in their nonce only, which is no change.
         */
        private void compareText(String path, JsonNode before, JsonNode after, boolean full, List<FieldChange> changes) {
            if (full) {
                String name = path.substring(path.lastIndexOf('.') + 1);
                Seen opening = new Seen(new LinkedHashSet<>());
                JsonNode was = before.isNull() ? before : sealedText(name, before, true, opening);
                JsonNode is = after.isNull() ? after : sealedText(name, after, true, opening);
                if (!opening.erased) {
                    if (!was.equals(is)) {
                        shownInClear.addAll(opening.shownInClear);
                        changes.add(new FieldChange(path, was, is));
                    }
                    return;
                }
            }
            changes.add(new FieldChange(path, masked(before), masked(after)));
        }

        private JsonNode leaf(String path, JsonNode value, boolean full) {
            String name = path.substring(path.lastIndexOf('.') + 1);
            if (value.isTextual() && IDENTIFYING_TEXT.contains(name)) {
                if (!full) {
                    return JsonNodeFactory.instance.textNode(PersonalDataMasking.MASK);
                }
                shownInClear.add(name);
            }
            return disclose(value, full, new Seen(shownInClear));
        }

        private JsonNode disclose(JsonNode node, boolean full, Seen seen) {
            if (node instanceof ObjectNode object) {
                if (isSealed(object)) {
                    if (!full) {
                        return JsonNodeFactory.instance.textNode(PersonalDataMasking.MASK);
                    }
                    Optional<Opened> block = opened.computeIfAbsent(object, this::open);
                    if (block.isEmpty()) {
                        seen.erased = true;
                        return JsonNodeFactory.instance.nullNode();
                    }
                    seen.shownInClear.addAll(block.get().fieldNames());
                    return block.get().json();
                }
                ObjectNode copy = JsonNodeFactory.instance.objectNode();
                Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (hasShape(field.getValue(), SEALED_TEXT_FIELDS)) {
                        copy.set(field.getKey(), sealedText(field.getKey(), field.getValue(), full, seen));
                        continue;
                    }
                    boolean identifying = field.getValue().isTextual() && IDENTIFYING_TEXT.contains(field.getKey());
                    if (identifying && full) {
                        seen.shownInClear.add(field.getKey());
                    }
                    copy.set(field.getKey(), identifying && !full
                            ? JsonNodeFactory.instance.textNode(PersonalDataMasking.MASK)
                            : disclose(field.getValue(), full, seen));
                }
                return copy;
            }
            if (node instanceof ArrayNode array) {
                ArrayNode copy = JsonNodeFactory.instance.arrayNode();
                array.forEach(element -> copy.add(disclose(element, full, seen)));
                return copy;
            }
            return node;
        }

        private Optional<Opened> open(JsonNode sealed) {
            return vault.open(objectMapper.convertValue(sealed, SealedPersonalData.class))
                    .map(data -> new Opened(objectMapper.valueToTree(data),
                            PersonalDetails.of(Optional.of(data), ReadAccess.Disclosure.FULL).fieldNames()));
        }

        /** A sealed text field as the caller may see it: opened for full disclosure (null once erased), else masked. */
        private JsonNode sealedText(String name, JsonNode sealed, boolean full, Seen seen) {
            if (!full) {
                return JsonNodeFactory.instance.textNode(PersonalDataMasking.MASK);
            }
            Optional<String> opened = vault.openText(objectMapper.convertValue(sealed, SealedText.class));
            if (opened.isEmpty()) {
                seen.erased = true;
                return JsonNodeFactory.instance.nullNode();
            }
            seen.shownInClear.add(name);
            return JsonNodeFactory.instance.textNode(opened.get());
        }
    }

    /** Both nodes are containers of one kind, or one is and the other is absent (a card issued, a field first set). */
    private static boolean bothOr(JsonNode was, JsonNode is, Predicate<JsonNode> kind) {
        return (kind.test(was) || was.isNull()) && (kind.test(is) || is.isNull());
    }

    private static JsonNode masked(JsonNode value) {
        return value.isNull() ? value : JsonNodeFactory.instance.textNode(PersonalDataMasking.MASK);
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isMissingNode() ? JsonNodeFactory.instance.nullNode() : node;
    }

    private static boolean isSealed(JsonNode node) {
        return hasShape(node, SEALED_FIELDS);
    }

    private static boolean hasShape(JsonNode node, Set<String> shape) {
        if (!(node instanceof ObjectNode object) || object.size() != shape.size()) {
            return false;
        }
        for (String field : shape) {
            if (!object.has(field)) {
                return false;
            }
        }
        return true;
    }
}
