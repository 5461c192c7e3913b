package ma.crafts.register.query.eligibility;

import ma.crafts.register.events.programme.ActorKind;

/** An actor eligible for a programme, as the bulk list shows it: no personal data. */
public record EligibleActor(String actorId, ActorKind actorKind, String nia, String regionCode, String provinceCode,
                            String branchCode, int programVersion) {
}
