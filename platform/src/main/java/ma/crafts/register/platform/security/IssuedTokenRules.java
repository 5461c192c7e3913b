package ma.crafts.register.platform.security;

import java.util.List;

import ma.crafts.register.platform.PlatformProperties;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;

/**
 * What an issuer's token must say besides its signature, issuer and lifetime (which Spring Boot's decoder checks): that
 * it was minted for the register ({@code aud}), and, when the register names its clients, for one of them
 * ({@code azp}). One issuer usually serves many services; without these a token for any of them would open the
 * register.
 */
final class IssuedTokenRules {
    static final String AUTHORIZED_PARTY = "azp";

    private IssuedTokenRules() {
    }

    static OAuth2TokenValidator<Jwt> validator(PlatformProperties.Auth auth) {
        String audience = auth.audience();
        List<String> parties = auth.authorizedParties();
        OAuth2TokenValidator<Jwt> forTheRegister = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(audience));
        OAuth2TokenValidator<Jwt> fromAKnownClient = new JwtClaimValidator<String>(AUTHORIZED_PARTY,
                azp -> parties.isEmpty() || parties.contains(azp));
        return new DelegatingOAuth2TokenValidator<>(List.of(forTheRegister, fromAKnownClient));
    }
}
