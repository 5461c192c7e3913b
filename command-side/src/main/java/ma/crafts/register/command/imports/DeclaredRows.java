package ma.crafts.register.command.imports;

import java.util.List;
import java.util.Set;
import ma.crafts.register.reference.Geography;

/** A kind of import whose columns, template row and personal columns are fixed when it is built. */
abstract class DeclaredRows implements RowMapper {
    private final ImportKind kind;
    private final List<String> columns;
    private final List<String> example;
    private final Set<String> personalColumns;

    DeclaredRows(ImportKind kind, List<String> columns, List<String> example, Set<String> personalColumns) {
        if (example.size() != columns.size() || !columns.containsAll(personalColumns)) {
            throw new IllegalArgumentException("The template of " + kind.apiName() + " needs one example value per "
                    + "column, and its personal columns among them");
        }
        this.kind = kind;
        this.columns = List.copyOf(columns);
        this.example = List.copyOf(example);
        this.personalColumns = Set.copyOf(personalColumns);
    }

    @Override
    public final ImportKind kind() {
        return kind;
    }

    @Override
    public final List<String> columns() {
        return columns;
    }

    @Override
    public final List<String> example() {
        return example;
    }

    @Override
    public final Set<String> personalColumns() {
        return personalColumns;
    }

    /** The region of the row's {@code province_code}; null when it names none, or none known (its checks say so). */
    static String regionOfProvince(ImportedRow row, Geography geography) {
        String province = row.value("province_code");
        return province == null ? null : geography.province(province).map(Geography.Province::regionCode).orElse(null);
    }
}
