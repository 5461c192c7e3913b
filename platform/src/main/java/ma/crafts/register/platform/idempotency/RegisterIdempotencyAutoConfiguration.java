package ma.crafts.register.platform.idempotency;

import java.time.Clock;

import com.mongodb.client.MongoDatabase;
import jakarta.servlet.DispatcherType;
import ma.crafts.register.platform.PlatformProperties;
import ma.crafts.register.platform.mongo.RegisterMongoAutoConfiguration;
import ma.crafts.register.platform.problem.ProblemWriter;
import ma.crafts.register.platform.problem.RegisterProblemAutoConfiguration;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.platform.security.RegisterSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/** {@code Idempotency-Key} support for every {@code POST} and {@code DELETE} under {@code /api/v1/}. */
@AutoConfiguration(after = {RegisterMongoAutoConfiguration.class, RegisterProblemAutoConfiguration.class,
        RegisterSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean({MongoDatabase.class, CurrentActor.class, ProblemWriter.class})
@EnableConfigurationProperties(PlatformProperties.class)
public class RegisterIdempotencyAutoConfiguration {
    /** After Spring Security, which establishes the subject that scopes the keys. */
    public static final int FILTER_ORDER = SecurityProperties.DEFAULT_FILTER_ORDER + 10;

    // Wall-clock time on purpose: a fixed Clock bean in some test must not freeze the waits and leases here.
    @Bean
    @ConditionalOnMissingBean
    public IdempotencyKeyStore idempotencyKeyStore(MongoDatabase database, PlatformProperties properties) {
        return new IdempotencyKeyStore(database, Clock.systemUTC(), properties.idempotency().ttl());
    }

    @Bean
    ExpiredKeySweep expiredIdempotencyKeySweep(IdempotencyKeyStore store, PlatformProperties properties) {
        return new ExpiredKeySweep(store, properties.idempotency().cleanupInterval());
    }

    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeyStore store, CurrentActor actor,
                                                                       ProblemWriter problems, PlatformProperties properties) {
        IdempotencyFilter filter = new IdempotencyFilter(store, actor, problems, properties.idempotency().waitTimeout(),
                properties.idempotency().inProgressLease(), Clock.systemUTC());
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/v1/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setOrder(FILTER_ORDER);
        registration.setName("registerIdempotencyFilter");
        return registration;
    }
}
