package ma.crafts.register.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * ADR 0001 as tests: every MongoDB filter is an equality or {@code $in} on {@code _id} (or on a field with a unique
 * single-field index), unless the code says with {@code @ScansAccepted} which decision lets it scan and why; and no
 * multi-document transaction.
 */
public final class MongoAccessRules {
    /** Named, not imported, so that the event store's own tests can use these rules without a dependency cycle. */
    public static final String SCANS_ACCEPTED = "ma.crafts.register.eventstore.ScansAccepted";
    private static final String FILTERS = "com.mongodb.client.model.Filters";
    private static final String COLLECTION = "com.mongodb.client.MongoCollection";
    private static final String DOCUMENT = "org.bson.Document";
    private static final Set<String> INDEXED_FILTERS = Set.of("eq", "in");
    /** Called without arguments, these read every document of the collection. */
    private static final Set<String> UNFILTERED_WITHOUT_ARGUMENTS = Set.of("find", "countDocuments");
    /** Pipelines, distinct values and change streams: never served from an index there, and not used (ADR 0001). */
    private static final Set<String> NEVER_INDEXED = Set.of("aggregate", "distinct", "watch");
    private static final Pattern FILTER_FIELD = Pattern.compile("\\b(?:Filters\\.)?(?:eq|in)\\(\\s*([^,)\\s]+)");
    private static final Pattern DOCUMENT_AS_FILTER = Pattern.compile("\\.(?:find|findOneAndUpdate|findOneAndReplace"
            + "|findOneAndDelete|updateOne|updateMany|replaceOne|deleteOne|deleteMany|countDocuments)"
            + "\\(\\s*new Document\\(\\s*([^,)\\s]*)");
    private static final String ID = "\"_id\"";

    private MongoAccessRules() {
    }

    /**
     * @param sources             the module's production sources, where a filter's field name can be read
     * @param uniqueIndexedFields further fields a filter may name, each with a unique single-field index, as written
     *                            in the source (a quoted literal or a constant's name)
     * @param recordedScans       scans in code that cannot carry {@code @ScansAccepted} (a module that does not depend
     *                            on the event store), by {@code class#method}, each with its reason
     */
    public static ArchRule filtersUseAnIndexUnlessScansAccepted(Sources sources, Set<String> uniqueIndexedFields,
                                                                Map<String, String> recordedScans) {
        Set<String> fields = new HashSet<>(uniqueIndexedFields);
        fields.add(ID);
        return classes().should(new FilterCondition(sources, fields, recordedScans))
                .because("mongo-java-server, a production backend, reads the whole collection for any other filter "
                        + "(docs/adr/0001)");
    }

    /** Transactions are not used: a commit is one document (ADR 0001, 0002). */
    public static ArchRule noMultiDocumentTransactions() {
        return noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName("com.mongodb.client.ClientSession")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.mongodb.TransactionOptions")
                .because("every write that must be atomic is one document (docs/adr/0001, docs/adr/0002)");
    }

    private static final class FilterCondition extends ArchCondition<JavaClass> {
        private final Sources sources;
        private final Set<String> fields;
        private final Map<String, String> recordedScans;
        private final Set<String> recordedScansSeen = new HashSet<>();
        private final Set<String> decisions;

        FilterCondition(Sources sources, Set<String> fields, Map<String, String> recordedScans) {
            super("send MongoDB only _id (or unique index) equality and $in filters, unless @ScansAccepted");
            this.sources = sources;
            this.fields = fields;
            this.recordedScans = recordedScans;
            this.decisions = decisionNumbers();
        }

        @Override
        public void check(JavaClass javaClass, ConditionEvents events) {
            Set<Integer> filterLinesRead = new HashSet<>();
            for (JavaMethodCall call : javaClass.getMethodCallsFromSelf()) {
                String owner = call.getTargetOwner().getName();
                String name = call.getName();
                int arguments = call.getTarget().getRawParameterTypes().size();
                if (owner.equals(FILTERS)) {
                    if (!INDEXED_FILTERS.contains(name)) {
                        scan(call, events, "Filters." + name + " is not served from an index");
                    } else if (filterLinesRead.add(call.getLineNumber())) {
                        checkFieldsOnLine(call, events);
                    }
                } else if (owner.equals(COLLECTION) && (NEVER_INDEXED.contains(name)
                        || UNFILTERED_WITHOUT_ARGUMENTS.contains(name) && arguments == 0)) {
                    scan(call, events, "MongoCollection." + name + "(" + (arguments == 0 ? "" : "…")
                            + ") reads the whole collection");
                }
            }
            for (JavaConstructorCall call : javaClass.getConstructorCallsFromSelf()) {
                if (call.getTargetOwner().getName().equals(DOCUMENT)) {
                    Matcher filter = DOCUMENT_AS_FILTER.matcher(sources.line(javaClass, call.getLineNumber()));
                    while (filter.find()) {
                        if (!fields.contains(filter.group(1))) {
                            scan(call, events, "a Document filter on " + describe(filter.group(1)));
                        }
                    }
                }
            }
        }

        private void checkFieldsOnLine(JavaMethodCall call, ConditionEvents events) {
            Matcher filter = FILTER_FIELD.matcher(sources.line(call.getOriginOwner(), call.getLineNumber()));
            boolean seen = false;
            while (filter.find()) {
                seen = true;
                if (!fields.contains(filter.group(1))) {
                    scan(call, events, "Filters." + call.getName() + " on " + describe(filter.group(1)));
                }
            }
            if (!seen) {
                scan(call, events, "Filters." + call.getName() + " whose field is not on the line of the call");
            }
        }

        private void scan(JavaAccess<?> access, ConditionEvents events, String what) {
            JavaCodeUnit origin = access.getOrigin();
            String key = origin.getOwner().getName() + "#" + origin.getName();
            if (recordedScans.containsKey(key)) {
                recordedScansSeen.add(key);
                return;
            }
            Optional<String> refused = acceptance(origin).map(this::refusal)
                    .orElse(Optional.of("carries no @ScansAccepted"));
            refused.ifPresent(reason -> events.add(SimpleConditionEvent.violated(access,
                    what + " in " + access.getDescription() + ", which " + reason)));
        }

        private Optional<String> refusal(JavaAnnotation<?> acceptance) {
            String adr = String.valueOf(acceptance.get("adr").orElse(""));
            String why = String.valueOf(acceptance.get("why").orElse(""));
            if (!decisions.contains(adr)) {
                return Optional.of("names ADR \"" + adr + "\", not one of docs/adr " + decisions);
            }
            if (why.isBlank()) {
                return Optional.of("does not say why the scan is acceptable");
            }
            return Optional.empty();
        }

        @Override
        public void finish(ConditionEvents events) {
            recordedScans.keySet().stream().filter(key -> !recordedScansSeen.contains(key)).forEach(key ->
                    events.add(SimpleConditionEvent.violated(key, "the recorded scan " + key
                            + " no longer scans (or moved): remove it from the test's list")));
        }

        private static String describe(String field) {
            return field.isEmpty() ? "no field (every document)" : field + ", neither _id nor a unique index";
        }
    }

    /** The annotation on the code unit, else on its class or a class enclosing it. */
    private static Optional<JavaAnnotation<?>> acceptance(JavaCodeUnit origin) {
        Optional<? extends JavaAnnotation<?>> onCode = origin.tryGetAnnotationOfType(SCANS_ACCEPTED);
        if (onCode.isPresent()) {
            return Optional.of(onCode.get());
        }
        for (Optional<JavaClass> owner = Optional.of(origin.getOwner()); owner.isPresent();
             owner = owner.get().getEnclosingClass()) {
            Optional<? extends JavaAnnotation<?>> onClass = owner.get().tryGetAnnotationOfType(SCANS_ACCEPTED);
            if (onClass.isPresent()) {
                return Optional.of(onClass.get());
            }
        }
        return Optional.empty();
    }

    private static Set<String> decisionNumbers() {
        try (Stream<Path> records = Files.list(Sources.decisionRecords())) {
            return records.map(path -> path.getFileName().toString()).filter(name -> name.matches("\\d{4}-.*\\.md"))
                    .map(name -> name.substring(0, 4)).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
