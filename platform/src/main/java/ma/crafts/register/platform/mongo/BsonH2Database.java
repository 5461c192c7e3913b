package ma.crafts.register.platform.mongo;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * One database of the embedded H2 backend, its maps typed with {@link BsonH2Types}. The map names differ from
 * mongo-java-server's own H2 backend ({@value #DOCUMENTS_PREFIX}, {@value #INDEX_INFIX}), whose maps hold Java-serialised
 * data; {@link BsonH2Backend} converts a data file written by it.
 */
final class BsonH2Database extends AbstractSynchronizedMongoDatabase<Object> {
    static final String DOCUMENTS_PREFIX = "docs.";
    static final String META_PREFIX = "meta.";
    static final String INDEX_INFIX = "._key_";

    private final MVStore store;

    BsonH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, cursorRegistry);
        this.store = store;
        initializeNamespacesAndIndexes();
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        MVMap<KeyValue, Object> map = store.openMap(indexMapName(collectionName, indexName), BsonH2Types.indexMap());
        return new BsonH2UniqueIndex(map, indexName, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        store.removeMap(indexMapName(collection.getCollectionName(), indexName));
    }

    private String indexMapName(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName;
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(collectionName);
        return new BsonH2Collection(this, collectionName, options, documents(namespace), meta(namespace), cursorRegistry);
    }

    private MVMap<Object, byte[]> documents(String namespace) {
        return store.openMap(DOCUMENTS_PREFIX + namespace, BsonH2Types.documentMap());
    }

    private MVMap<String, Object> meta(String namespace) {
        return store.openMap(META_PREFIX + namespace);
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        String ownMaps = databaseName + ".";
        for (String name : List.copyOf(store.getMapNames())) {
            if (name.startsWith(ownMaps) || name.startsWith(DOCUMENTS_PREFIX + ownMaps) || name.startsWith(META_PREFIX + ownMaps)) {
                store.removeMap(name);
            }
        }
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        String namespace = getFullCollectionNamespace(collectionName);
        store.removeMap(DOCUMENTS_PREFIX + namespace);
        store.removeMap(META_PREFIX + namespace);
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String oldNamespace = collection.getFullName();
        String newNamespace = getFullCollectionNamespace(newCollectionName);
        store.renameMap(documents(oldNamespace), DOCUMENTS_PREFIX + newNamespace);
        store.renameMap(meta(oldNamespace), META_PREFIX + newNamespace);
    }

    @Override
    protected long getStorageSize() {
        FileStore<?> fileStore = store.getFileStore();
        return fileStore == null ? 0 : fileStore.size();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }
}
