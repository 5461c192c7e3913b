package ma.crafts.register.platform.security;

import ma.crafts.register.platform.PlatformProperties.AuthMode;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Conditions on {@code register.auth.mode}, bound the same way as the property itself (so {@code DEV} = {@code dev}),
 * and defaulted the same way ({@link AuthMode#orIssuer}).
 */
public final class AuthModeConditions {
    public static final String PROPERTY = "register.auth.mode";

    private AuthModeConditions() {
    }

    static AuthMode mode(Environment environment) {
        return AuthMode.orIssuer(Binder.get(environment).bind(PROPERTY, AuthMode.class).orElse(null));
    }

    /** Matches when the mode in force is the given one. */
    private abstract static class OnMode extends SpringBootCondition {
        private final AuthMode expected;

        OnMode(AuthMode expected) {
            this.expected = expected;
        }

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            AuthMode mode = mode(context.getEnvironment());
            String outcome = PROPERTY + " is " + mode.name().toLowerCase();
            return mode == expected ? ConditionOutcome.match(outcome) : ConditionOutcome.noMatch(outcome);
        }
    }

    public static class OnIssuerMode extends OnMode {
        public OnIssuerMode() {
            super(AuthMode.ISSUER);
        }
    }

    public static class OnDevMode extends OnMode {
        public OnDevMode() {
            super(AuthMode.DEV);
        }
    }
}
