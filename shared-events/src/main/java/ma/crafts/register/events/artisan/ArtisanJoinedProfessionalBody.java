package ma.crafts.register.events.artisan;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ArtisanJoinedProfessionalBody(String artisanId, String bodyId, String branchCode, LocalDate since) {
}
