package ma.crafts.register.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaNameCollisionGuardTest {
    static final class Artisans {
        record Registered(String artisanId, PersonName name) {
        }

        @Schema(name = "ArtisanRegistered")
        record NamedRegistered(String artisanId) {
        }
    }

    static final class Enterprises {
        record Registered(String enterpriseId) {
        }
    }

    record PersonName(String ar, String fr) {
    }

    record Roster(List<PersonName> names, Artisans.Registered first) {
    }

    ModelConverters converters;

    @BeforeEach
    void resolverWithTheGuard() {
        converters = new ModelConverters();
        converters.addConverter(new SchemaNameCollisionGuard());
    }

    @Test
    void twoTypesResolvedApartUnderOneNameFailNamingBoth() {
        converters.readAllAsResolvedSchema(Artisans.Registered.class);
        assertThatThrownBy(() -> converters.readAllAsResolvedSchema(Enterprises.Registered.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"Registered\"")
                .hasMessageContaining("Artisans$Registered")
                .hasMessageContaining("Enterprises$Registered");
    }

    @Test
    void aCollisionBetweenNestedTypesIsFoundToo() {
        converters.readAllAsResolvedSchema(Roster.class);
        assertThatThrownBy(() -> converters.readAllAsResolvedSchema(Enterprises.Registered.class))
                .hasMessageContaining("\"Registered\"");
    }

    @Test
    void oneTypeResolvedAgainAndDistinctNamesPass() {
        converters.readAllAsResolvedSchema(Roster.class);
        converters.readAllAsResolvedSchema(Artisans.Registered.class);
        converters.readAllAsResolvedSchema(PersonName.class);
        assertThat(converters.readAllAsResolvedSchema(Artisans.NamedRegistered.class).schema.getName())
                .isEqualTo("ArtisanRegistered");
    }
}
