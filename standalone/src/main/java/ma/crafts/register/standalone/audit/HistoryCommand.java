package ma.crafts.register.standalone.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.eventstore.StoreAudit;
import ma.crafts.register.query.QueryParameters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "A stream's events as stored, oldest first, one JSON object a line (sealed personal data "
                + "stays sealed; text that events recorded in clear before it was sealed, their revision 1, is "
                + "printed as stored).")
final class HistoryCommand extends AuditCommand.Sub {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "ID", description = "An artisan, cooperative, enterprise or body id")
    String id;

    @Option(names = "--as-of", paramLabel = "INSTANT", converter = AsOf.class,
            description = "Only the events recorded at or before this ISO-8601 instant (e.g. 2025-03-01T10:00:00Z)")
    Instant asOf;

    @Override
    public Integer call() {
        try (StoreConnection store = root.connect()) {
            List<StoreAudit.StoredEvent> events = StoreAudit.readOnly(store.database()).events(id);
            if (events.isEmpty()) {
                root.err().println("No events under " + id);
                return AuditCommand.BROKEN;
            }
            for (StoreAudit.StoredEvent event : events) {
                if (asOf == null || !event.timestamp().isAfter(asOf)) {
                    ObjectNode line = JSON.createObjectNode().put("position", event.position())
                            .put("sequence", event.sequence()).put("timestamp", event.timestamp().toString())
                            .put("type", event.payloadType());
                    line.set("payload", event.payload());
                    line.set("metaData", event.metaData());
                    root.out().println(line);
                }
            }
            return AuditCommand.HOLDS;
        }
    }

    /** The API's {@code ?asOf}, read the same way. */
    static final class AsOf implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return QueryParameters.asOf(value);
            } catch (InvalidInputException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
