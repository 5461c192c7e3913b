package ma.crafts.register.platform.openapi;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fails the OpenAPI document when two Java types are given one schema name.
 * <p>
 * A schema is named after its type's simple name (or its {@code @Schema(name)}), and springdoc resolves each operation's
 * types on their own and merges them into one {@code components.schemas} map by name. Two nested
 * {@code RegisteredResponse} records thus became one schema, and a client generated from the document read the
 * artisan's registration answer with the enterprise's fields ({@code artisanId = null}). Schema names are the class
 * names of every client chambers generate, so they are chosen with {@code @Schema(name)} where a simple name is
 * ambiguous, and this guard makes an ambiguity a failed document instead of a silently wrong one.
 * <p>
 * It watches the models the resolvers define, which name the type they describe exactly, rather than the schemas they
 * return (a {@code ResponseEntity<X>} returns X's schema without being X). The names it has seen outlive one document
 * build, because the collision it looks for spans the per-operation resolutions springdoc merges.
 */
public final class SchemaNameCollisionGuard implements ModelConverter {
    private final Map<String, JavaType> typeByName = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("rawtypes")
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        return chain.hasNext() ? chain.next().resolve(type, new Watching(context), chain) : null;
    }

    private void named(String name, Type type) {
        JavaType described = Json.mapper().constructType(type);
        JavaType earlier = typeByName.putIfAbsent(name, described);
        if (earlier != null && !earlier.equals(described)) {
            throw new IllegalStateException("The OpenAPI schema name \"" + name + "\" is given to both " + earlier.toCanonical()
                    + " and " + described.toCanonical() + ": name one of them with @Schema(name = ...)");
        }
    }

    @SuppressWarnings("rawtypes")
    private final class Watching implements ModelConverterContext {
        private final ModelConverterContext context;

        Watching(ModelConverterContext context) {
            this.context = context;
        }

        @Override
        public void defineModel(String name, Schema model) {
            context.defineModel(name, model);
        }

        @Override
        public void defineModel(String name, Schema model, AnnotatedType type, String prevName) {
            if (type != null) {
                named(name, type.getType());
            }
            context.defineModel(name, model, type, prevName);
        }

        @Override
        public void defineModel(String name, Schema model, Type type, String prevName) {
            if (type != null) {
                named(name, type);
            }
            context.defineModel(name, model, type, prevName);
        }

        @Override
        public Schema resolve(AnnotatedType type) {
            return context.resolve(type);
        }

        @Override
        public Map<String, Schema> getDefinedModels() {
            return context.getDefinedModels();
        }

        @Override
        public Iterator<ModelConverter> getConverters() {
            return context.getConverters();
        }
    }
}
