package ma.crafts.register.platform.mongo;

import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A collection whose stored documents are never changed in place. mongo-java-server applies an update by changing the
 * document it found and putting it back; on H2 that document is still referenced by the page a concurrent commit (or
 * H2's housekeeping) may be writing, and writing it while it changes fails the commit with a
 * {@code ConcurrentModificationException}, which closes the store. Queries therefore hand out copies: an update then
 * changes its copy and puts that back, and a stored document stays as it was written.
 */
final class BsonH2Collection extends H2Collection {
    private final MVMap<Object, Document> documents;

    BsonH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                     MVMap<Object, Document> documents, MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, documents, meta, cursorRegistry);
        this.documents = documents;
    }

    @Override
    protected Document getDocument(Object position) {
        Document stored = super.getDocument(position);
        return stored == null ? null : stored.cloneDeeply();
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Stream<Document> stored = isNaturalDescending(orderBy)
                ? streamAllDocumentsWithPosition()
                        .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                        .map(DocumentWithPosition::getDocument)
                : documents.values().stream();
        Stream<Document> matchingCopies = stored.filter(document -> documentMatchesQuery(document, query))
                .map(Document::cloneDeeply);
        return matchDocumentsFromStream(matchingCopies, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
}
