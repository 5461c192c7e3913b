package ma.crafts.register.eventstore.saga;

import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import ma.crafts.register.eventstore.BsonJson;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;

/**
 * Axon's {@link SagaStore} on plain MongoDB documents, with every lookup by {@code _id}:
 * <ul>
 *   <li>{@code sagas}: {@code _id} = saga identifier, {@code sagaType}, the saga's state as a BSON document
 *   ({@code saga}, with {@code serializedType} and {@code revision}) and its {@code associations} as
 *   {@code [{key, value}]}, readable with mongosh;</li>
 *   <li>{@code saga_associations}: {@code _id} = {@code sagaType|key|value} → {@code sagaIds}, maintained with
 *   {@code $addToSet} / {@code $pull}, so {@link #findSagas} is one {@code _id} lookup on MongoDB and on
 *   mongo-java-server alike.</li>
 * </ul>
 * A saga document is written before its association entries and deleted after them, so a lookup never finds an
 * association whose saga was never stored; an entry left behind by a crash points at a missing saga, which
 * {@link #loadSaga} reports as {@code null} (Axon then skips it). Every filter is a bare {@code _id}: mongo-java-server
 * answers anything else, even {@code _id} plus one more condition, by scanning the collection.
 *
 * <p>Concurrent writes to one saga are serialized by Axon (one processor segment owns a saga); concurrent
 * associations of <em>different</em> sagas with the same value are safe because {@code $addToSet} on one document is
 * atomic, and the race of two first upserts of that document is retried as an update.
 */
public class MongoSagaStore implements SagaStore<Object> {
    static final String SAGAS = "sagas";
    static final String ASSOCIATIONS = "saga_associations";
    private static final int UPSERT_ATTEMPTS = 5;

    private final MongoCollection<Document> sagas;
    private final MongoCollection<Document> associations;
    private final Serializer serializer;

    public MongoSagaStore(MongoDatabase database, Serializer serializer) {
        if (!serializer.canSerializeTo(JsonNode.class)) {
            throw new AxonConfigurationException("MongoSagaStore stores BSON documents and needs a serializer that"
                    + " produces Jackson trees (JacksonSerializer)");
        }
        this.sagas = database.getCollection(SAGAS);
        this.associations = database.getCollection(ASSOCIATIONS);
        this.serializer = serializer;
    }

    @Override
    public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
        Document entry = associations.find(eq("_id", associationId(sagaType, associationValue))).first();
        return entry == null ? Set.of() : new HashSet<>(entry.getList("sagaIds", String.class, List.of()));
    }

    @Override
    public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
        Document document = sagas.find(eq("_id", sagaIdentifier)).first();
        if (document == null || !typeName(sagaType).equals(document.getString("sagaType"))) {
            return null;
        }
        S saga = serializer.deserialize(new SimpleSerializedObject<>(BsonJson.toJson(document.get("saga")),
                JsonNode.class, document.getString("serializedType"), document.getString("revision")));
        Set<AssociationValue> values = new LinkedHashSet<>();
        for (Document value : document.getList("associations", Document.class, List.of())) {
            values.add(new AssociationValue(value.getString("key"), value.getString("value")));
        }
        return new Entry<>() {
            @Override
            public Set<AssociationValue> associationValues() {
                return values;
            }

            @Override
            public S saga() {
                return saga;
            }
        };
    }

    @Override
    public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                           Set<AssociationValue> associationValues) {
        sagas.insertOne(sagaDocument(sagaType, sagaIdentifier, saga, associationValues)
                .append("createdAt", new Date()));
        for (AssociationValue value : associationValues) {
            associate(sagaType, sagaIdentifier, value);
        }
    }

    @Override
    public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga, AssociationValues associationValues) {
        Document replacement = sagaDocument(sagaType, sagaIdentifier, saga, associationValues.asSet());
        replacement.remove("_id");
        sagas.updateOne(eq("_id", sagaIdentifier), new Document("$set", replacement));
        for (AssociationValue added : associationValues.addedAssociations()) {
            associate(sagaType, sagaIdentifier, added);
        }
        for (AssociationValue removed : associationValues.removedAssociations()) {
            dissociate(sagaType, sagaIdentifier, removed);
        }
    }

    @Override
    public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        for (AssociationValue value : associationValues) {
            dissociate(sagaType, sagaIdentifier, value);
        }
        sagas.deleteOne(eq("_id", sagaIdentifier));
    }

    private Document sagaDocument(Class<?> sagaType, String sagaIdentifier, Object saga,
                                  Collection<AssociationValue> values) {
        SerializedObject<JsonNode> serialized = serializer.serialize(saga, JsonNode.class);
        return new Document("_id", sagaIdentifier)
                .append("sagaType", typeName(sagaType))
                .append("serializedType", serialized.getType().getName())
                .append("revision", serialized.getType().getRevision())
                .append("saga", BsonJson.toBson(serialized.getData()))
                .append("associations", values.stream()
                        .map(value -> new Document("key", value.getKey()).append("value", value.getValue()))
                        .toList())
                .append("updatedAt", new Date());
    }

    private void associate(Class<?> sagaType, String sagaIdentifier, AssociationValue value) {
        String id = associationId(sagaType, value);
        for (int attempt = 1; ; attempt++) {
            try {
                associations.updateOne(eq("_id", id), Updates.combine(Updates.addToSet("sagaIds", sagaIdentifier),
                                Updates.setOnInsert("sagaType", typeName(sagaType)),
                                Updates.setOnInsert("key", value.getKey()), Updates.setOnInsert("value", value.getValue())),
                        new UpdateOptions().upsert(true));
                return;
            } catch (MongoWriteException e) {
                // Two first upserts of one entry: the loser's insert hits the unique _id; as an update it succeeds.
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY || attempt >= UPSERT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void dissociate(Class<?> sagaType, String sagaIdentifier, AssociationValue value) {
        String id = associationId(sagaType, value);
        // An emptied entry is kept. Deleting it only while still empty needs a conditional delete, which
        // mongo-java-server serves by scanning the whole collection; deleting it unconditionally could drop an
        // association another process adds at that moment.
        associations.updateOne(eq("_id", id), Updates.pull("sagaIds", sagaIdentifier));
    }

    private String typeName(Class<?> sagaType) {
        return serializer.typeForClass(sagaType).getName();
    }

    /** {@code sagaType|key|value}, with {@code \} and {@code |} escaped so that no two triples share an id. */
    String associationId(Class<?> sagaType, AssociationValue value) {
        return escape(typeName(sagaType)) + "|" + escape(value.getKey()) + "|" + escape(value.getValue());
    }

    private static String escape(String part) {
        return part == null ? "\\0" : part.replace("\\", "\\\\").replace("|", "\\|");
    }
}
