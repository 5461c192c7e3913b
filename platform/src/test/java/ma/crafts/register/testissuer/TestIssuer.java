package ma.crafts.register.testissuer;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A real OpenID Connect issuer (Spring Authorization Server) for tests, on a random port: chamber and ministry
 * clients get client-credentials tokens carrying the register's {@code roles} and {@code region} claims, its
 * audience, and {@code azp}. Its signing key can be rotated while it runs. It lives outside the platform's packages,
 * which some test applications component-scan: it must never become part of a register.
 */
public final class TestIssuer implements AutoCloseable {
    /** The issuer refuses two clients with one secret. */
    public static String secret(String clientId) {
        return "test-only-secret-of-" + clientId;
    }

    /** A client of the issuer: the claims its tokens carry. */
    public record Client(String id, String audience, List<String> roles, String region) {
    }

    private record Clients(List<Client> all) {
    }

    private final ConfigurableApplicationContext context;

    private TestIssuer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static TestIssuer start(Client... clients) {
        return new TestIssuer(new SpringApplicationBuilder(App.class)
                .properties(Map.of("server.port", "0", "spring.main.banner-mode", "off"))
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("issuerClients", new Clients(List.of(clients))))
                .run());
    }

    public String uri() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Signs every token from now on with a new key, and publishes only that one. */
    public String rotateKey() {
        RSAKey key = newKey();
        context.getBean(SigningKeys.class).current.set(key);
        return key.getKeyID();
    }

    @Override
    public void close() {
        context.close();
    }

    static final class SigningKeys {
        final AtomicReference<RSAKey> current = new AtomicReference<>(newKey());
    }

    private static RSAKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is required by every Java platform", e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class})
    static class App {
        @Bean
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, s -> s.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .csrf(c -> c.ignoringRequestMatchers(server.getEndpointsMatcher()));
            return http.build();
        }

        @Bean
        RegisteredClientRepository registeredClients(Clients clients) {
            return new InMemoryRegisteredClientRepository(clients.all().stream().map(client ->
                    RegisteredClient.withId(client.id())
                            .clientId(client.id())
                            .clientSecret("{noop}" + secret(client.id()))
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                            .clientSettings(ClientSettings.builder().setting("client", client).build())
                            .build()).toList());
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> registerClaims() {
            return context -> {
                if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    return;
                }
                Client client = context.getRegisteredClient().getClientSettings().getSetting("client");
                context.getClaims().audience(List.of(client.audience()))
                        .claim("azp", client.id())
                        .claim("roles", client.roles());
                if (client.region() != null) {
                    context.getClaims().claim("region", client.region());
                }
            };
        }

        @Bean
        SigningKeys signingKeys() {
            return new SigningKeys();
        }

        @Bean
        JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
            return (selector, securityContext) -> selector.select(new JWKSet(keys.current.get()));
        }

        /** OpenID Connect's userinfo endpoint reads the issuer's own tokens with it. */
        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
