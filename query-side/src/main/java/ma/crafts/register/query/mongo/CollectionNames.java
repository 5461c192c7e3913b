package ma.crafts.register.query.mongo;

/**
 * Names the collections of one generation of a projection. Generation 0 keeps the names the register always had, so
 * an existing database needs no migration; a rebuild writes generation n into {@code <name>_g<n>}.
 */
@FunctionalInterface
public interface CollectionNames {

    CollectionNames FIRST_GENERATION = base -> base;

    String of(String base);

    static CollectionNames generation(int generation) {
        return generation == 0 ? FIRST_GENERATION : base -> base + "_g" + generation;
    }
}
