package ma.crafts.register.command.cooperative;

import java.util.List;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.SealedPersonalData;

/**
 * What an amendment of a cooperative or an enterprise carries. The representative's data travels sealed: the REST
 * layer opened the current data, applied the changes, checked them as at registration and sealed the complete result.
 *
 * @param name           the new name, or null to keep it
 * @param activityCodes  the new activities, main one first, or null to keep them
 * @param personalFields the representative's fields that changed ({@code phone}, {@code address}); empty when none did
 * @param representative the representative's complete data after the change, sealed with the actor's key; null when
 *                       no personal field changed
 * @param basedOn        the sealed data the change was made on: the aggregate refuses the command if another change was
 *                       recorded since, so two concurrent amendments cannot undo each other
 * @param actingRegion   the region a chamber clerk is confined to, or null for an actor with national scope
 */
public record ActorAmendment(LocalizedText name, List<String> activityCodes, List<String> personalFields,
                             SealedPersonalData representative, SealedPersonalData basedOn, String actingRegion) {
    public ActorAmendment {
        personalFields = personalFields == null ? List.of() : List.copyOf(personalFields);
    }
}
