package ma.crafts.register.platform.mongo;

import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A collection of the embedded H2 backend. Its map holds each document as BSON bytes, encoded when it is written and
 * decoded when it is read, one document at a time:
 * <ul>
 *   <li>reading one document decodes that document, not every document of the page H2 loads (H2 reads a page whole);</li>
 *   <li>a stored document cannot change after it is written. mongo-java-server applies an update by changing the
 *   document it found and putting it back; had the map held that instance, a concurrent commit (ours after every
 *   write, or H2's housekeeping) writing the page that references it would fail with a
 *   {@code ConcurrentModificationException}, and H2 closes the store when a commit fails. Here every read hands out a
 *   fresh instance.</li>
 * </ul>
 */
final class BsonH2Collection extends AbstractSynchronizedMongoCollection<Object> {
    private static final String DATA_SIZE_KEY = "dataSize";

    private final MVMap<Object, byte[]> documents;
    private final MVMap<String, Object> meta;

    BsonH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                     MVMap<Object, byte[]> documents, MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, cursorRegistry);
        this.documents = documents;
        this.meta = meta;
        meta.putIfAbsent(DATA_SIZE_KEY, 0L);
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        synchronized (meta) {
            meta.put(DATA_SIZE_KEY, ((Number) meta.get(DATA_SIZE_KEY)).longValue() + sizeDelta);
        }
    }

    @Override
    protected int getDataSize() {
        return ((Number) meta.get(DATA_SIZE_KEY)).intValue();
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() == null ? UUID.randomUUID() : Utils.getSubdocumentValue(document, getIdField());
        if (documents.putIfAbsent(Missing.ofNullable(key), BsonH2Types.encode(document)) != null) {
            throw new IllegalStateException("Document with key '" + key + "' already existed in " + this);
        }
        return key;
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        documents.put(Missing.ofNullable(position), BsonH2Types.encode(newDocument));
    }

    @Override
    protected Document getDocument(Object position) {
        byte[] stored = documents.get(position);
        return stored == null ? null : BsonH2Types.decode(stored);
    }

    @Override
    protected void removeDocument(Object position) {
        if (documents.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
    }

    @Override
    public int count() {
        return documents.size();
    }

    @Override
    public boolean isEmpty() {
        return documents.isEmpty();
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return documents.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(BsonH2Types.decode(entry.getValue()), entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Stream<byte[]> stored = isNaturalDescending(orderBy)
                ? documents.entrySet().stream()
                        .sorted((a, b) -> ValueComparator.desc().compare(a.getKey(), b.getKey()))
                        .map(java.util.Map.Entry::getValue)
                : documents.values().stream();
        return matchDocumentsFromStream(stored.map(BsonH2Types::decode), query, orderBy, numberToSkip, limit, batchSize,
                fieldSelector);
    }
}
