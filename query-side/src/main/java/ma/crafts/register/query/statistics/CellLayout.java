package ma.crafts.register.query.statistics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an actor is counted (docs/adr/0007). Every actor counts once in each of three territorial scopes (the country,
 * its region, its province) and, in each scope, in three families of cells:
 * <ul>
 *   <li><b>main</b>: document {@code <scope>|<branch>}, one field per combination of actor kind, category, activity,
 *       gender, status, artisan category, qualification route, card status and membership;</li>
 *   <li><b>age</b>: document {@code <scope>|~age}, one field per combination of actor kind, birth month, gender and
 *       status (the birth month makes this family large, so it carries few other dimensions);</li>
 *   <li><b>summary</b>: document {@code <scope>|~summary}, one field per combination of actor kind, gender, status,
 *       artisan category, qualification route, card status and membership: the main family without the trade, so
 *       that a read that names no trade dimension reads one small document per scope rather than one per branch.</li>
 * </ul>
 * A read names the scope documents it needs by {@code _id} and adds up their fields in memory; a document stays
 * bounded by the nomenclature and the value sets, not by the number of actors.
 */
public final class CellLayout {

    /** The families of cells, and the dimensions each can answer besides territory. */
    public enum Family {
        MAIN(List.of(Dimension.ACTOR_KIND, Dimension.CATEGORY, Dimension.ACTIVITY, Dimension.GENDER,
                Dimension.STATUS, Dimension.ARTISAN_CATEGORY, Dimension.QUALIFICATION_ROUTE,
                Dimension.CARD_STATUS, Dimension.MEMBER)),
        AGE(List.of(Dimension.ACTOR_KIND, Dimension.AGE_BAND, Dimension.GENDER, Dimension.STATUS)),
        SUMMARY(List.of(Dimension.ACTOR_KIND, Dimension.GENDER, Dimension.STATUS, Dimension.ARTISAN_CATEGORY,
                Dimension.QUALIFICATION_ROUTE, Dimension.CARD_STATUS, Dimension.MEMBER));

        private final List<Dimension> fieldDimensions;

        Family(List<Dimension> fieldDimensions) {
            this.fieldDimensions = fieldDimensions;
        }

        /** Every dimension a read of this family can group or filter by. */
        public Set<Dimension> answers() {
            Set<Dimension> all = EnumSet.of(Dimension.REGION, Dimension.PROVINCE);
            all.addAll(fieldDimensions);
            if (this == MAIN) {
                all.add(Dimension.BRANCH);
            }
            return all;
        }
    }

    public static final String NATIONAL = "N";
    private static final String AGE_DOCUMENT = "~age";
    private static final String SUMMARY_DOCUMENT = "~summary";
    private static final String MAIN_DOCUMENT = "~main";
    private static final char SEPARATOR = '|';

    /** Where each dimension of a summary field sits in a main scope field (the branch, then the main field). */
    private static final int[] SUMMARY_PARTS_OF_MAIN_SCOPE_FIELD = Family.SUMMARY.fieldDimensions.stream()
            .mapToInt(dimension -> 1 + Family.MAIN.fieldDimensions.indexOf(dimension)).toArray();

    private CellLayout() {
    }

    /** One unit of an actor: a field of a cell document. */
    public record Cell(String documentId, String field) {
    }

    /** The nine cells an actor counts in. */
    public static List<Cell> cellsOf(ActorProfile profile) {
        List<Cell> cells = new ArrayList<>(9);
        String main = field(profile, Family.MAIN);
        String age = field(profile, Family.AGE);
        String summary = field(profile, Family.SUMMARY);
        for (String scope : scopesOf(profile)) {
            cells.add(new Cell(mainDocument(scope, profile.value(Dimension.BRANCH)), main));
            cells.add(new Cell(familyDocument(scope, Family.AGE), age));
            cells.add(new Cell(familyDocument(scope, Family.SUMMARY), summary));
        }
        return cells;
    }

    public static String nationalScope() {
        return NATIONAL;
    }

    public static String regionScope(String regionCode) {
        return "R:" + regionCode;
    }

    public static String provinceScope(String provinceCode) {
        return "P:" + provinceCode;
    }

    public static String mainDocument(String scope, String branchCode) {
        return scope + SEPARATOR + escape(branchCode);
    }

    /** A scope's one document of the age or the summary family. */
    public static String familyDocument(String scope, Family family) {
        if (family == Family.MAIN) {
            throw new IllegalArgumentException("the main family has a document per branch");
        }
        return scope + SEPARATOR + (family == Family.AGE ? AGE_DOCUMENT : SUMMARY_DOCUMENT);
    }

    /**
     * The dimension values one field of a cell document stands for: its scope's territory, the branch of a main
     * document and the field's own values. A province's region is looked up by {@code regionOfProvince}.
     */
    public static Map<Dimension, String> decode(String documentId, String field,
                                                java.util.function.Function<String, String> regionOfProvince) {
        Map<Dimension, String> values = new EnumMap<>(Dimension.class);
        int split = documentId.indexOf(SEPARATOR);
        String scope = documentId.substring(0, split);
        String rest = documentId.substring(split + 1);
        if (scope.startsWith("R:")) {
            values.put(Dimension.REGION, scope.substring(2));
        } else if (scope.startsWith("P:")) {
            String province = scope.substring(2);
            values.put(Dimension.PROVINCE, province);
            values.put(Dimension.REGION, regionOfProvince.apply(province));
        }
        Family family = familyOf(rest);
        if (family == Family.MAIN) {
            values.put(Dimension.BRANCH, unescape(rest));
        }
        String[] parts = field.split("\\|", -1);
        for (int i = 0; i < family.fieldDimensions.size() && i < parts.length; i++) {
            values.put(family.fieldDimensions.get(i), unescape(parts[i]));
        }
        return values;
    }

    private static Family familyOf(String afterScope) {
        return switch (afterScope) {
            case AGE_DOCUMENT -> Family.AGE;
            case SUMMARY_DOCUMENT -> Family.SUMMARY;
            default -> Family.MAIN;
        };
    }

    private static boolean isMainDocument(String documentId) {
        return familyOf(documentId.substring(documentId.indexOf(SEPARATOR) + 1)) == Family.MAIN;
    }

    /**
     * The document of a cell document's scope and family ({@code <scope>|~main}, or an age or summary document
     * itself), by which the stock's changes and snapshots are kept: a scope's branches in one document, so that a
     * read of a past day reads one document per scope and period rather than one per branch.
     */
    public static String scopeDocument(String documentId) {
        if (!isMainDocument(documentId)) {
            return documentId;
        }
        return documentId.substring(0, documentId.indexOf(SEPARATOR) + 1) + MAIN_DOCUMENT;
    }

    /** A cell's field in its {@link #scopeDocument}: a main document's field carries the branch in front. */
    public static String scopeField(String documentId, String field) {
        if (!isMainDocument(documentId)) {
            return field;
        }
        return documentId.substring(documentId.indexOf(SEPARATOR) + 1) + SEPARATOR + field;
    }

    /**
     * Whether a cell document's changes are kept by period: a summary document's are not, being its scope's main
     * changes without the trade ({@link #changesDocument}).
     */
    public static boolean keepsStockChanges(String documentId) {
        return familyOf(documentId.substring(documentId.indexOf(SEPARATOR) + 1)) != Family.SUMMARY;
    }

    /** The {@link #scopeDocument} whose kept changes a scope document's changes are worked out from. */
    public static String changesDocument(String scopeDocument) {
        if (keepsStockChanges(scopeDocument)) {
            return scopeDocument;
        }
        return scopeDocument.substring(0, scopeDocument.indexOf(SEPARATOR) + 1) + MAIN_DOCUMENT;
    }

    /** The field of {@code scopeDocument} that a field of its {@link #changesDocument} counts in. */
    public static String changedField(String scopeDocument, String changesField) {
        if (keepsStockChanges(scopeDocument)) {
            return changesField;
        }
        String[] parts = changesField.split("\\|", -1);
        StringBuilder field = new StringBuilder();
        for (int part : SUMMARY_PARTS_OF_MAIN_SCOPE_FIELD) {
            if (!field.isEmpty()) {
                field.append(SEPARATOR);
            }
            field.append(parts[part]);
        }
        return field.toString();
    }

    /** The cell a field of a {@link #scopeDocument} stands for. */
    public static Cell cellOf(String scopeDocument, String scopeField) {
        if (!isMainDocument(scopeDocument)) {
            return new Cell(scopeDocument, scopeField);
        }
        String scope = scopeDocument.substring(0, scopeDocument.indexOf(SEPARATOR));
        int split = scopeField.indexOf(SEPARATOR);
        return new Cell(scope + SEPARATOR + scopeField.substring(0, split), scopeField.substring(split + 1));
    }

    private static List<String> scopesOf(ActorProfile profile) {
        List<String> scopes = new ArrayList<>(3);
        scopes.add(NATIONAL);
        scopes.add(regionScope(profile.value(Dimension.REGION)));
        scopes.add(provinceScope(profile.value(Dimension.PROVINCE)));
        return scopes;
    }

    private static String field(ActorProfile profile, Family family) {
        StringBuilder field = new StringBuilder();
        for (Dimension dimension : family.fieldDimensions) {
            if (!field.isEmpty()) {
                field.append(SEPARATOR);
            }
            field.append(escape(profile.value(dimension)));
        }
        return field.toString();
    }

    /** A field name may hold no dot (a path to MongoDB) and no separator; codes of a replaced nomenclature might. */
    static String escape(String value) {
        return value.replace('.', '\u2024').replace(SEPARATOR, '\u2223');
    }

    static String unescape(String value) {
        return value.replace('\u2024', '.').replace('\u2223', SEPARATOR);
    }
}
