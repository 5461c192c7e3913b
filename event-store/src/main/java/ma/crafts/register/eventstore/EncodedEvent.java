package ma.crafts.register.eventstore;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonValue;
import org.bson.ByteBuf;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;

/**
 * A stored event read back with the BSON bytes it is stored as. Those bytes are what its commit's hash covers, so a
 * verification that hashes them does not encode the decoded event again, which cost it as much as reading the event.
 */
final class EncodedEvent extends Document {
    private static final DocumentCodec CODEC = new DocumentCodec();
    private static final DecoderContext DECODING = DecoderContext.builder().build();

    private final transient byte[] stored;

    private EncodedEvent(Document decoded, byte[] stored) {
        super(decoded);
        this.stored = stored;
    }

    /** The event's BSON as stored. */
    byte[] stored() {
        return stored;
    }

    /** A commit as read, decoded, with each of its events an {@link EncodedEvent}. */
    static Document commitOf(RawBsonDocument raw) {
        Document commit = raw.decode(CODEC);
        List<Document> decoded = commit.getList(CommitDocuments.EVENTS, Document.class);
        if (decoded == null) {
            return commit;
        }
        List<Document> events = new ArrayList<>(decoded.size());
        int index = 0;
        for (BsonValue event : raw.getArray(CommitDocuments.EVENTS)) {
            events.add(new EncodedEvent(decoded.get(index++), bytesOf((RawBsonDocument) event)));
        }
        commit.put(CommitDocuments.EVENTS, events);
        return commit;
    }

    private static byte[] bytesOf(RawBsonDocument event) {
        ByteBuf buffer = event.getByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
