package ma.crafts.register.events.programme;

/** The kinds of actor the register holds, as {@link ConditionType#ACTOR_KIND_IN} names them. */
public enum ActorKind { ARTISAN, COOPERATIVE, ENTERPRISE }
