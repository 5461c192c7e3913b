package ma.crafts.register.command.artisan;

import ma.crafts.register.values.Gender;
import ma.crafts.register.values.Qualification;
import ma.crafts.register.values.SealedPersonalData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Enter an artisan in the register. Personal data arrives already sealed by the vault, so the aggregate (and the
 * event store) never see it in clear; the clear-data rules are checked before sealing by {@link ApplicantRules}.
 *
 * @param nia          allocated for the region of {@code provinceCode} before dispatch
 * @param actingRegion the region a chamber clerk is confined to, or null for an actor with national scope
 */
public record RegisterArtisan(@TargetAggregateIdentifier String artisanId, String nia, String provinceCode,
                              String activityCode, Gender gender, Qualification qualification,
                              SealedPersonalData personalData, String actingRegion) {
}
