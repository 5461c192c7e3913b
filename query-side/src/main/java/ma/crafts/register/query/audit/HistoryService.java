package ma.crafts.register.query.audit;

import java.util.List;
import java.util.Set;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.query.artisan.ArtisanStream;
import ma.crafts.register.query.artisan.ArtisanStreamReader;

/**
 * An artisan's history, read straight from the event store (so it is never behind a projection) and folded once with
 * the view's folding. Sealed personal data is opened for auditors only ({@code ReadAccess.inHistory}), and masked for
 * every other role, the region's clerks included.
 */
public class HistoryService {

    private final ArtisanStreamReader streams;
    private final Set<String> eventTypes;
    private final HistoryPages pages;
    private final ReadAccess access;
    private final ProjectionFreshness freshness;

    public HistoryService(ArtisanStreamReader streams, ArtisanFolding folding, HistoryPages pages, ReadAccess access,
                          ProjectionFreshness freshness) {
        this.streams = streams;
        this.eventTypes = folding.eventTypes();
        this.pages = pages;
        this.access = access;
        this.freshness = freshness;
    }

    /** The event types an artisan's stream can hold, for the {@code type} filter. */
    public Set<String> eventTypes() {
        return eventTypes;
    }

    public HistoryPage history(String artisanId, HistoryQuery query) {
        access.requireArtisanReader();
        freshness.awaitStore(query.paging().minPosition());
        ArtisanStream stream = streams.read(artisanId)
                .orElseThrow(() -> new NotFoundException("No artisan is registered under " + artisanId));
        List<ArtisanState> states = stream.steps().stream().map(ArtisanStream.Step::after).toList();
        ArtisanState now = states.get(states.size() - 1);
        // Full disclosure (an auditor) opens the sealed personal data and shows identifying text recorded in clear.
        boolean full = access.inHistory(access.requireArtisanRead(now.regionCode())) == ReadAccess.Disclosure.FULL;
        return pages.page(artisanId, stream.messages(), states, query, full);
    }
}
