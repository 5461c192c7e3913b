package ma.crafts.register.query;

/**
 * The query side's tracking processors. The artisan view, its search index and the card-verification model all fold
 * the artisans' streams, so they share one processor: one token, one pass over the store, and a {@code ?minPosition}
 * answered by the view also holds for the card check a clerk hands out right after issuing a card. The chambers'
 * notices ride on the same processor for the same reason.
 */
public final class QueryProcessors {

    public static final String ARTISAN_PROJECTIONS = "artisan-projections";

    private QueryProcessors() {
    }
}
