package ma.crafts.register.query.artisan.mongo;

import ma.crafts.register.query.artisan.ArtisanSearchKeys;
import ma.crafts.register.query.artisan.ArtisanSearchKeys.Placement;

/**
 * How the search index lays out its documents, ids and field names (described on {@link ArtisanSearchIndex}): what
 * its writes and its page reads must agree on.
 */
final class SearchIndexLayout {
    /** Global positions per window: bounds a window document to this many members. */
    static final long WINDOW = 1024;
    /** Children of a count node above level 1: bounds the reads of one descent. */
    static final int FANOUT = 64;
    static final int SHIFT = 6;
    static final int LEVELS = 3;
    static final String MAX = "#max";
    static final String MAX_WINDOW = "w";
    static final String MEMBER = "a";
    /** mongo-java-server checks every document of an {@code $in} answer against the whole list: keep lists short. */
    static final int IN_SLICE = 128;

    private SearchIndexLayout() {
    }

    /** A window's member: its registration order (zero-padded, so that text order is position order) and placement. */
    record Member(String registrationOrder, Placement placement) {

        static Member of(long registrationPosition, Placement placement) {
            return new Member(String.format("%019d", Math.max(0L, registrationPosition)), placement);
        }

        static Member parse(String value) {
            String[] parts = value.split("\\|", -1);
            return new Member(parts[0], new Placement(emptyToNull(parts[1]), emptyToNull(parts[2]),
                    emptyToNull(parts[3]), emptyToNull(parts[4])));
        }

        String value() {
            return registrationOrder + "|" + orEmpty(placement.regionCode()) + "|" + orEmpty(placement.provinceCode())
                    + "|" + orEmpty(placement.branchCode()) + "|" + orEmpty(placement.status());
        }
    }

    static String countField(String branchCode, String status) {
        return escape((branchCode == null ? ArtisanSearchKeys.ANY : branchCode) + "|"
                + (status == null ? ArtisanSearchKeys.ANY : status));
    }

    static String memberField(String artisanId) {
        return MEMBER + escape(artisanId);
    }

    static String artisanIdOf(String memberField) {
        return unescape(memberField.substring(MEMBER.length()));
    }

    /** Ids and codes become field names: escape what a field name cannot hold ('.' separates path parts). */
    private static String escape(String value) {
        return value.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    private static String unescape(String field) {
        return field.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }

    static long windowNo(long registrationPosition) {
        return Math.max(0L, registrationPosition) / WINDOW;
    }

    static String windowId(long windowNo) {
        return "#" + windowNo;
    }

    static long nodeNo(int level, long window) {
        return window >> (SHIFT * (level - 1));
    }

    static String nodeId(int level, String territory, long node) {
        return level + "/" + territory + "/" + node;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
