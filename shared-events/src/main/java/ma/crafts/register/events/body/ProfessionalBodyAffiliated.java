package ma.crafts.register.events.body;

import ma.crafts.register.values.BodyLevel;
import org.axonframework.serialization.Revision;

/**
 * A professional body affiliated to the body one level up in its branch: a provincial body to the regional body of
 * its region, a regional body to the national body (Law 50.17 art. 11; domain brief §3).
 */
@Revision("1")
public record ProfessionalBodyAffiliated(String bodyId, BodyLevel level, String parentBodyId, BodyLevel parentLevel,
                                         String branchCode) {
}
