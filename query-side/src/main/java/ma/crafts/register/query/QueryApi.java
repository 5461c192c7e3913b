package ma.crafts.register.query;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * OpenAPI declarations shared by the query endpoints. The platform documents the problem responses every operation
 * can give from its shape, 503 with Retry-After included wherever there is a {@code ?minPosition}; the query side adds
 * the parameters its listings share.
 */
public final class QueryApi {

    private QueryApi() {
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

    /**
     * The filters of a history ({@code from}, {@code to}, {@code type}, parsed by {@code HistoryQuery}), matched by
     * name like {@link Paged}'s.
     */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameters({
            @Parameter(name = "from", in = ParameterIn.QUERY, description = "Only events recorded at or after this "
                    + "instant", schema = @Schema(type = "string", format = "date-time")),
            @Parameter(name = "to", in = ParameterIn.QUERY, description = "Only events recorded at or before this "
                    + "instant", schema = @Schema(type = "string", format = "date-time")),
            @Parameter(name = "type", in = ParameterIn.QUERY, description = "Only events of this type, e.g. "
                    + "ArtisanRelocated; a type the actor's stream cannot hold is a 400")})
    public @interface HistoryFilters {
    }
}
