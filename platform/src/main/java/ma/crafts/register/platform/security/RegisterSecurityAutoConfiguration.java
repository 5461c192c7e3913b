package ma.crafts.register.platform.security;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.DispatcherType;
import ma.crafts.register.platform.KeyDirectory;
import ma.crafts.register.platform.PlatformProperties;
import ma.crafts.register.platform.PlatformProperties.AuthMode;
import ma.crafts.register.platform.PlatformStartupException;
import ma.crafts.register.platform.problem.ProblemWriter;
import ma.crafts.register.platform.problem.RegisterProblemAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless JWT resource server for every register service. Open without a token: card verification, health, the
 * OpenAPI pages, the dashboard's page and its settings, and (in dev mode) token issuing; everything else needs a valid
 * bearer token. In {@code dev} mode tokens are HS256 tokens from {@code POST /api/v1/dev/tokens}; in {@code issuer}
 * mode Spring Boot's resource-server settings ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
 * {@code jwk-set-uri}) name the issuer.
 */
@AutoConfiguration(
        before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
                OAuth2ResourceServerAutoConfiguration.class},
        after = RegisterProblemAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(PlatformProperties.class)
@EnableWebSecurity
@EnableMethodSecurity
public class RegisterSecurityAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(RegisterSecurityAutoConfiguration.class);

    /** The key file the dev tokens are signed with, kept beside the master key. */
    public static final String DEV_TOKEN_KEY_FILE = "dev-token.key";
    private static final int DEV_TOKEN_KEY_BYTES = 48;

    @Bean
    @ConditionalOnMissingBean
    public CurrentActor currentActor() {
        return new CurrentActor();
    }

    @Bean
    @ConditionalOnMissingBean
    public AccessPolicy accessPolicy(CurrentActor currentActor) {
        return new AccessPolicy(currentActor);
    }

    /** About one token per clerk and client in service; a few hundred bytes each. */
    private static final int VERIFIED_TOKENS = 10_000;
    /** How long Spring Security's decoder keeps the issuer's key set before fetching it again (Nimbus's default). */
    private static final Duration ISSUER_KEY_SET_LIFETIME = Duration.ofMinutes(5);

    @Bean
    @Conditional(AuthModeConditions.OnDevMode.class)
    @ConditionalOnMissingBean
    public DevTokenIssuer devTokenIssuer(PlatformProperties properties) {
        log.warn("Authentication is in dev mode: anyone can get a token for any role from POST {}. "
                + "Set register.auth.mode=issuer with a real token issuer in production.", DevTokenController.PATH);
        return new DevTokenIssuer(devSecret(properties), properties.auth().devTokenTtl(), Clock.systemUTC());
    }

    /**
     * The configured secret; else, when the store keeps its data, one kept in the key directory, so that tokens a
     * developer or a script holds survive a restart as the data does; else none (a fresh random key).
     */
    private static String devSecret(PlatformProperties properties) {
        String configured = properties.auth().devSecret();
        if ((configured != null && !configured.isBlank()) || properties.mongodb().forgetsOnExit()) {
            return configured;
        }
        Path file = KeyDirectory.prepare(properties.keyDirectory()).resolve(DEV_TOKEN_KEY_FILE);
        try {
            return KeyDirectory.readOrCreate(file, DEV_TOKEN_KEY_BYTES).base64();
        } catch (IOException e) {
            throw new PlatformStartupException("Cannot read or create the dev-token key " + file + " (" + e + ")",
                    "Make the key directory (KEY_DIR) writable, or set register.auth.dev-secret.", e);
        }
    }

    @Bean
    @Conditional(AuthModeConditions.OnDevMode.class)
    @ConditionalOnMissingBean
    public JwtDecoder devJwtDecoder(DevTokenIssuer issuer) {
        return issuer.decoder();
    }

    /** Spring Boot adds every such bean to the validators of the decoder it builds from the issuer settings. */
    @Bean
    @Conditional(AuthModeConditions.OnIssuerMode.class)
    public OAuth2TokenValidator<Jwt> registerIssuedTokenValidator(PlatformProperties properties) {
        return IssuedTokenRules.validator(properties.auth());
    }

    @Bean
    @Conditional(AuthModeConditions.OnDevMode.class)
    @ConditionalOnMissingBean
    public DevTokenController devTokenController(DevTokenIssuer issuer) {
        return new DevTokenController(issuer);
    }

    @Bean
    @ConditionalOnMissingBean
    public ProblemAuthenticationEntryPoint problemAuthenticationEntryPoint(ProblemWriter writer) {
        return new ProblemAuthenticationEntryPoint(writer);
    }

    @Bean
    @ConditionalOnMissingBean
    public ProblemAccessDeniedHandler problemAccessDeniedHandler(ProblemWriter writer) {
        return new ProblemAccessDeniedHandler(writer);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    public SecurityFilterChain registerSecurityFilterChain(HttpSecurity http, PlatformProperties properties,
                                                           ObjectProvider<JwtDecoder> jwtDecoder,
                                                           ProblemAuthenticationEntryPoint entryPoint,
                                                           ProblemAccessDeniedHandler accessDeniedHandler,
                                                           ProblemWriter problemWriter) throws Exception {
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder == null) {
            throw new PlatformStartupException(
                    "register.auth.mode is " + properties.authMode().name().toLowerCase()
                            + (properties.auth().mode() == null ? " (the default)" : "")
                            + " but no JWT issuer is configured",
                    properties.authMode() == AuthMode.ISSUER
                            ? "Set spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri) to the token "
                            + "issuer. To run it locally with development tokens, start deploy/run-local.sh instead "
                            + "(it sets REGISTER_AUTH_MODE=dev and listens on 127.0.0.1 only)."
                            : "Provide a JwtDecoder bean or use register.auth.mode=dev.");
        }
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        // What anyone on the network may call is rationed per client address. Health is not: orchestrators and load
        // balancers probe it often from one address, and it must answer them even while the public paths are flooded.
        RequestMatcher publicPaths = new OrRequestMatcher(
                paths.matcher(HttpMethod.GET, "/api/v1/cards/*/verification"),
                paths.matcher(HttpMethod.GET, "/api/v1/card-checks/*"),
                paths.matcher(HttpMethod.GET, "/api/v1/open-data/*"),
                paths.matcher("/v3/api-docs/**"),
                paths.matcher("/v3/api-docs.yaml"),
                paths.matcher("/swagger-ui/**"),
                paths.matcher("/swagger-ui.html"),
                // The dashboard's page and the settings it reads before anyone signs in; its figures need a token.
                paths.matcher(HttpMethod.GET, "/dashboard"),
                paths.matcher(HttpMethod.GET, "/dashboard/**"),
                paths.matcher(HttpMethod.GET, "/api/v1/dashboard/config"));
        // Open paths where a token changes nothing ignore the Authorization header: a partner whose stale token rides
        // along on every request still gets its card verification, not a 401. Health stays out of this set: an
        // administrator's token shows the MongoDB details there.
        RequestMatcher tokenIgnored = new OrRequestMatcher(publicPaths,
                // Open in every mode so that outside dev mode the path is simply unknown (404), not 401.
                paths.matcher(HttpMethod.POST, DevTokenController.PATH));
        PlatformProperties.PublicRateLimit limit = properties.http().publicRateLimit();
        http.addFilterBefore(new PublicRateLimitFilter(publicPaths, problemWriter, limit.perSecond(), limit.burst(),
                limit.maxClients(), System::nanoTime), DisableEncodeUrlFilter.class);
        RequestMatcher openPaths = new OrRequestMatcher(tokenIgnored, paths.matcher("/actuator/health/**"));
        RequestMatcher metrics = paths.matcher(HttpMethod.GET, "/actuator/prometheus");
        http.addFilterBefore(new MetricsScrapeToken(metrics, properties.metrics().scrapeToken()),
                BearerTokenAuthenticationFilter.class);
        DefaultBearerTokenResolver headerTokens = new DefaultBearerTokenResolver();
        // Paths first: parsing a malformed header throws, and an open path must not turn that into a 401.
        BearerTokenResolver tokens = request -> tokenIgnored.matches(request) || MetricsScrapeToken.accepted(request)
                ? null : headerTokens.resolve(request);
        http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(authorize -> authorize
                        // The request dispatch was authorised already; error pages and async completion follow it.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(openPaths).permitAll()
                        // Metrics and the other actuator endpoints describe the whole service: administrators only.
                        .requestMatchers(metrics).hasAnyAuthority(Role.REGISTRY_ADMIN.authority(),
                                MetricsScrapeToken.AUTHORITY)
                        .requestMatchers(paths.matcher("/actuator/**")).hasAuthority(Role.REGISTRY_ADMIN.authority())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(tokens)
                        .jwt(jwt -> jwt.decoder(new VerifiedTokenCache(decoder, VERIFIED_TOKENS,
                                        ISSUER_KEY_SET_LIFETIME, Clock.systemUTC()))
                                .jwtAuthenticationConverter(new RolesClaimAuthenticationConverter()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDeniedHandler))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDeniedHandler));
        return http.build();
    }
}
