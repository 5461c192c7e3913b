package ma.crafts.register.events.body;

import ma.crafts.register.values.BodyLevel;
import ma.crafts.register.values.LocalizedText;
import org.axonframework.serialization.Revision;

/**
 * A professional body (Law 50.17 art. 11) held its constituent assembly. {@code territoryCode} is a province code,
 * a region code or {@code MA}; {@code regionCode} is null for a national body.
 */
@Revision("1")
public record ProfessionalBodyConstituted(String bodyId, BodyLevel level, String branchCode, String territoryCode,
                                          String regionCode, LocalizedText name) {
}
