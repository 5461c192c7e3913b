package ma.crafts.register.issuer;

import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The compose deployment's token issuer. Spring Boot configures the authorization server and its clients from
 * {@code application.yml}; this class only adds what the register reads from a client-credentials token: its audience,
 * {@code azp}, and the client's {@code roles} and {@code region} (register.auth.* and CurrentActor in the platform).
 */
@SpringBootApplication
@EnableConfigurationProperties(IssuerApplication.RegisterClaims.class)
public class IssuerApplication {
    public static void main(String[] args) {
        SpringApplication.run(IssuerApplication.class, args);
    }

    /**
     * @param audience the register's {@code register.auth.audience}
     * @param clients  per client id, the register role names and the region (blank for nationwide roles)
     */
    @ConfigurationProperties("register")
    public record RegisterClaims(String audience, Map<String, ClientClaims> clients) {
        public record ClientClaims(List<String> roles, String region) {
        }
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> registerClaims(RegisterClaims claims) {
        return context -> {
            String clientId = context.getRegisteredClient().getClientId();
            RegisterClaims.ClientClaims client = claims.clients().get(clientId);
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType()) || client == null) {
                return;
            }
            context.getClaims().audience(List.of(claims.audience())).claim("azp", clientId).claim("roles", client.roles());
            if (client.region() != null && !client.region().isBlank()) {
                context.getClaims().claim("region", client.region());
            }
        };
    }
}
