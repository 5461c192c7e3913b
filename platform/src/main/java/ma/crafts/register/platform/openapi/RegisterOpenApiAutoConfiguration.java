package ma.crafts.register.platform.openapi;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import ma.crafts.register.platform.idempotency.IdempotencyFilter;
import ma.crafts.register.platform.security.DevTokenController;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;

/**
 * The OpenAPI document's frame: API info, bearer-JWT security applied to every operation except the open ones, the
 * problem+json schema, the error responses every operation can give and the {@code Idempotency-Key} header.
 * <p>
 * The error responses follow from the operation's shape (a command, a resource in the path, a token needed, a
 * {@code ?minPosition} to wait for), and every 4xx and 5xx response is a problem+json, so a controller's
 * {@code @ApiResponse} for an error only says what that error means for its operation.
 */
@AutoConfiguration
@ConditionalOnClass({OpenAPI.class, GlobalOpenApiCustomizer.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RegisterOpenApiAutoConfiguration {
    public static final String BEARER_SCHEME = "bearer-jwt";
    static final String PROBLEM_SCHEMA = "Problem";
    static final String FIELD_ERROR_SCHEMA = "FieldError";
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;
    private static final String PROBLEM_JSON = "application/problem+json";
    /** The query parameter with which a read waits for the caller's own write, and may answer 503 instead. */
    private static final String MIN_POSITION = "minPosition";
    private static final Pattern OPEN_READS = Pattern.compile(
            "^/api/v1/cards/\\{[^/]+}/verification$|^/api/v1/card-checks/\\{[^/]+}$|^/api/v1/open-data/[^/]+$");

    @Bean
    @ConditionalOnMissingBean
    public OpenAPI registerOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Crafts Register API")
                        .version("v1")
                        .contact(new Contact().name("National Register of Traditional Crafts, State Secretariat for "
                                + "Handicrafts and Social & Solidarity Economy"))
                        .description("National Register of Traditional Crafts (Law 50.17). Errors are RFC 9457 "
                                + "application/problem+json; every POST accepts an Idempotency-Key."))
                .components(new Components()
                        .addSecuritySchemes(BEARER_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("JWT with claims sub, roles (array) and region (required for CHAMBER_CLERK)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
    }

    /**
     * Split deployment: the side the gateway sends {@code /v3/api-docs} to also documents the other side's operations.
     * Ordered before {@link #registerOpenApiCustomizer()}, which then describes the errors of the merged operations too.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnProperty("register.openapi.peer-url")
    public PeerOpenApiMerge peerOpenApiMerge(@Value("${register.openapi.peer-url}") URI peerDocument,
                                             ObjectMapperProvider openApiMappers) {
        return new PeerOpenApiMerge(peerDocument, openApiMappers.jsonMapper());
    }

    @Bean
    public SchemaNameCollisionGuard schemaNameCollisionGuard() {
        return new SchemaNameCollisionGuard();
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("/problems/validation")._enum(List.of(
                        "/problems/validation", "/problems/unauthenticated", "/problems/forbidden",
                        "/problems/not-found", "/problems/duplicate-cin", "/problems/rule-violation",
                        "/problems/concurrency", "/problems/idempotency-mismatch", "/problems/payload-too-large",
                        "/problems/unsupported-media-type", "/problems/method-not-allowed",
                        "/problems/not-acceptable", "/problems/service-unavailable", "/problems/internal")))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().description("the request path"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR_SCHEMA)))
                .addProperty("rule", new StringSchema().description("for /problems/rule-violation: the rule's name"))
                .required(List.of("type", "title", "status"));
    }

    @Bean
    public GlobalOpenApiCustomizer registerOpenApiCustomizer() {
        return openApi -> {
            // Added here rather than on the OpenAPI bean: springdoc drops unreferenced schemas before customizers run.
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents()
                    .addSchemas(FIELD_ERROR_SCHEMA, new ObjectSchema()
                            .addProperty("field", new StringSchema().description("JSON path, parameter or header"))
                            .addProperty("message", new StringSchema()))
                    .addSchemas(PROBLEM_SCHEMA, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                boolean open = isOpen(path, method);
                if (open) {
                    operation.setSecurity(List.of());
                }
                if (path.startsWith("/api/v1/")) {
                    describeErrors(path, method, operation, open);
                }
            }));
        };
    }

    private static boolean isOpen(String path, PathItem.HttpMethod method) {
        return method == PathItem.HttpMethod.GET && OPEN_READS.matcher(path).matches()
                || method == PathItem.HttpMethod.POST && DevTokenController.PATH.equals(path);
    }

    private static void describeErrors(String path, PathItem.HttpMethod method, Operation operation, boolean open) {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "Invalid input (/problems/validation)");
        if (!open) {
            errors.put("401", "Missing or invalid bearer token (/problems/unauthenticated)");
            errors.put("403", "Role or region does not allow this (/problems/forbidden)");
        }
        if (path.contains("{")) {
            errors.put("404", "No such resource (/problems/not-found)");
        }
        boolean command = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.DELETE
                || method == PathItem.HttpMethod.PUT;
        if (command) {
            errors.put("409", "Duplicate CIN, rule violation or concurrent modification");
            errors.put("413", "Request body too large (/problems/payload-too-large)");
            errors.put("415", "Request body is not application/json (/problems/unsupported-media-type)");
        }
        boolean idempotent = command && !DevTokenController.PATH.equals(path);
        if (idempotent) {
            errors.put("422", "Idempotency-Key reused for a different request (/problems/idempotency-mismatch)");
            addIdempotencyKeyHeader(operation);
        }
        boolean awaitsPosition = hasQueryParameter(operation, MIN_POSITION);
        if (awaitsPosition) {
            errors.put("503", "minPosition not reached within 5 s (/problems/service-unavailable); retry after the "
                    + "Retry-After delay");
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        errors.forEach((status, description) -> responses.putIfAbsent(status, new ApiResponse().description(description)));
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                // Replaces what springdoc infers from the method's return type for a response the controller describes.
                response.setContent(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
            }
        });
        if (awaitsPosition) {
            responses.get("503").addHeaderObject(HttpHeaders.RETRY_AFTER, new Header()
                    .description("Seconds to wait before retrying").style(Header.StyleEnum.SIMPLE)
                    .schema(new IntegerSchema().format(null))); // delta-seconds, with no int32 bound to promise
        }
        operation.setResponses(responses);
    }

    private static boolean hasQueryParameter(Operation operation, String name) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "query".equals(p.getIn()) && name.equals(p.getName()));
    }

    private static void addIdempotencyKeyHeader(Operation operation) {
        List<Parameter> parameters = operation.getParameters();
        if (parameters != null && parameters.stream().anyMatch(p -> IdempotencyFilter.HEADER.equalsIgnoreCase(p.getName()))) {
            return;
        }
        operation.addParametersItem(new HeaderParameter()
                .name(IdempotencyFilter.HEADER)
                .required(false)
                .description("1-128 visible ASCII characters. Repeating it with the same request replays the first "
                        + "response (with Idempotent-Replayed: true); with a different request gives 422.")
                .schema(new StringSchema().minLength(1).maxLength(IdempotencyFilter.MAX_KEY_LENGTH)
                        .pattern("^[\\x21-\\x7E]+$")));
    }
}
