package ma.crafts.register.command.artisan;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.junit.jupiter.api.Test;

/** The aggregate's one region check sees a command only if it says it is addressed to an existing artisan. */
class ArtisanRegionScopeTest {

    @Test
    void everyCommandOnAnExistingArtisanGoesThroughTheRegionCheck() {
        List<Class<?>> commands = Arrays.stream(Artisan.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(CommandHandler.class))
                .map(Method::getParameterTypes)
                .<Class<?>>map(parameters -> parameters[0])
                .toList();

        assertThat(commands).hasSize(18).allMatch(AddressedToArtisan.class::isAssignableFrom);
    }
}
