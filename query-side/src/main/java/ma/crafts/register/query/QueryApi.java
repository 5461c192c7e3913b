package ma.crafts.register.query;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * OpenAPI declarations shared by the query endpoints. The platform documents 400/401/403/404 for every operation and
 * publishes the {@code Problem} schema; the query side adds what only it can answer: 503 for {@code ?minPosition},
 * and the parameters its listings share.
 */
public final class QueryApi {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String PROBLEM_REF = "#/components/schemas/Problem";

    private QueryApi() {
    }

    /** 503 with Retry-After when {@code ?minPosition} is not reached in time. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "503", description = "minPosition not reached within 5 s "
            + "(/problems/service-unavailable); retry after the Retry-After delay",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                    schema = @Schema(type = "integer")),
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_REF)))
    public @interface Lagging {
    }

    /**
     * The paging parameters of a listing ({@code page}, {@code size}, {@code minPosition}, parsed by
     * {@link QueryParameters#paging}); springdoc matches them by name to the method's request parameters.
     */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameters({
            @Parameter(name = "page", in = ParameterIn.QUERY, description = "0-based page number",
                    schema = @Schema(type = "integer", minimum = "0", defaultValue = "0")),
            @Parameter(name = "size", in = ParameterIn.QUERY, description = "Page size",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20")),
            @Parameter(name = "minPosition", in = ParameterIn.QUERY,
                    description = "Global position to wait for (at most 5 s)",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))})
    public @interface Paged {
    }
}
