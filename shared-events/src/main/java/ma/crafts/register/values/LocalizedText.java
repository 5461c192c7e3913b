package ma.crafts.register.values;

/** A text held in both official working languages; Arabic first because it is the register's language of record. */
public record LocalizedText(String ar, String fr) {
}
