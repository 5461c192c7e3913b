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

    public static class OnDevMode extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            AuthMode mode = mode(context.getEnvironment());
            return mode == AuthMode.DEV ? ConditionOutcome.match(PROPERTY + " is dev")
                    : ConditionOutcome.noMatch(PROPERTY + " is " + mode.name().toLowerCase());
        }
    }
}
