package ma.crafts.register.platform.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.List;
import ma.crafts.register.platform.PlatformProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** problem+json for every error, from controllers, filters and the container, and the request body limit. */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class, after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(PlatformProperties.class)
public class RegisterProblemAutoConfiguration {
    /** Runs just before Spring Security, so an oversized body is refused before anything reads it. */
    public static final int BODY_LIMIT_FILTER_ORDER = SecurityProperties.DEFAULT_FILTER_ORDER - 10;

    /**
     * A number or a boolean where the register expects text is a 400, not text: Jackson would otherwise read
     * {@code {"address":true}} as the address "true" and {@code {"phone":2147483648}} as a phone number. (Text where a
     * number is expected is refused by {@code spring.jackson.mapper.allow-coercion-of-scalars=false}.)
     */
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer scalarsAreNotText() {
        return builder -> builder.postConfigurer(mapper -> {
            for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean)) {
                mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
            }
        });
    }

    @Bean
    @ConditionalOnMissingBean
    public ProblemMapper problemMapper() {
        return new ProblemMapper();
    }

    @Bean
    @ConditionalOnMissingBean
    public ProblemWriter problemWriter(ObjectMapper objectMapper) {
        return new ProblemWriter(objectMapper);
    }

    @Bean
    @ConditionalOnMissingBean
    public ProblemExceptionHandler problemExceptionHandler(ProblemMapper mapper, ProblemWriter writer) {
        return new ProblemExceptionHandler(mapper, writer);
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    public ProblemErrorController problemErrorController(ErrorAttributes errorAttributes, ProblemMapper mapper,
                                                         ProblemWriter writer) {
        return new ProblemErrorController(errorAttributes, mapper, writer);
    }

    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(PlatformProperties properties,
                                                                                ProblemWriter writer) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.http().maxBodySize().toBytes(),
                        properties.http().maxUploadSize().toBytes(), writer));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(BODY_LIMIT_FILTER_ORDER);
        registration.setName("registerRequestBodyLimitFilter");
        return registration;
    }

    /** Requests Tomcat refuses before any servlet runs: problem+json rather than its HTML page. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatRefusals {
        @Bean
        ProblemErrorReportValve.Installer problemErrorReportValve(ProblemWriter writer) {
            return new ProblemErrorReportValve.Installer(writer);
        }
    }
}
