package ma.crafts.register.query.eligibility;

import java.util.List;

/** One page of a programme's eligible actors, in registration order. */
public record EligibleActorPage(List<EligibleActor> items, int page, int size, long total) {
}
