package ma.crafts.register.query.reference;

import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;

/**
 * The geography and nomenclature the query side validates against and serves, loaded once at start-up. Held in this
 * query-side type rather than published as {@code Geography}/{@code Nomenclature} beans, so running next to the
 * command side in one process never yields two beans of the same type.
 */
public class ReferenceCatalog {

    private final Geography geography;
    private final Nomenclature nomenclature;

    public ReferenceCatalog(Geography geography, Nomenclature nomenclature) {
        this.geography = geography;
        this.nomenclature = nomenclature;
    }

    public Geography geography() {
        return geography;
    }

    public Nomenclature nomenclature() {
        return nomenclature;
    }
}
