package ma.crafts.register.command.imports;

import java.util.List;
import java.util.Map;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.EventStreams;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.command.artisan.ArtisanCommandController.JoinBodyRequest;
import ma.crafts.register.command.artisan.JoinProfessionalBody;
import ma.crafts.register.command.body.ProfessionalBodyId;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;

/**
 * Memberships: a row names an artisan (by CIN or NIA) and a professional body ({@code body_id}, as the register
 * gives it), and asks for what {@code POST /api/v1/artisans/{artisanId}/memberships} does: the same request record,
 * validation and {@link JoinProfessionalBody}, whose aggregate applies the membership rules. An artisan already
 * member of that body is already present. A dry run checks the row's fields and its artisan.
 */
final class MembershipRows extends RowsNamingAnArtisan {
    private static final String BODY = "body_id";

    private final RequestValidation validation;
    private final CommandGatewayReceipts commands;
    private final EventStreams streams;

    MembershipRows(ArtisanReferences artisans, RequestValidation validation, CommandGatewayReceipts commands,
                   EventStreams streams, ActingRegion actingRegion) {
        // The example names the provincial body of the example artisan's branch (B08) and province (Marrakech).
        super(ImportKind.MEMBERSHIPS, List.of(BODY), List.of(ProfessionalBodyId.of("B08", "MA-MAR")), artisans,
                actingRegion);
        this.validation = validation;
        this.commands = commands;
        this.streams = streams;
    }

    @Override
    RowOutcome apply(ImportedRow row, String artisanId, String region, boolean dryRun) {
        return RowRules.outcome(field -> Map.of("bodyId", BODY).getOrDefault(field, field), BODY, () -> {
            String bodyId = validation.valid(new JoinBodyRequest(row.value(BODY))).bodyId().strip();
            if (dryRun) {
                return RowOutcome.ACCEPTED;
            }
            if (holds(artisanId, bodyId)) {
                return RowOutcome.ALREADY_PRESENT;
            }
            try {
                commands.send(new JoinProfessionalBody(artisanId, bodyId, region), artisanId,
                        ArtisanJoinedProfessionalBody.class);
                return RowOutcome.ACCEPTED;
            } catch (RuleViolationException refused) {
                // Another row may have made the artisan a member of this body meanwhile.
                if (holds(artisanId, bodyId)) {
                    return RowOutcome.ALREADY_PRESENT;
                }
                throw refused;
            }
        });
    }

    /** Whether the artisan's last word on this body is a joining, not an end of membership. */
    private boolean holds(String artisanId, String bodyId) {
        return streams.payloads(artisanId).reduce(false, (member, event) -> {
            if (event instanceof ArtisanJoinedProfessionalBody joined && joined.bodyId().equals(bodyId)) {
                return true;
            }
            if (event instanceof ProfessionalBodyMembershipEnded ended && ended.bodyId().equals(bodyId)) {
                return false;
            }
            return member;
        }, (earlier, later) -> later);
    }
}
