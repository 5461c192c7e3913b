package ma.crafts.register.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.axonframework.config.Configuration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The in-memory deadline manager exists only when no module provides a DeadlineManager bean. */
class DeadlineFallbackAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DeadlineFallbackAutoConfiguration.class))
            .withBean(Configuration.class, () -> mock(Configuration.class));

    @Test
    void providesAnInMemoryDeadlineManagerWhenNoneIsConfigured() {
        runner.run(context -> assertThat(context).hasSingleBean(DeadlineManager.class)
                .hasSingleBean(SimpleDeadlineManager.class));
    }

    @Test
    void backsOffWhenAnotherModuleProvidesOne() {
        DeadlineManager persistent = mock(DeadlineManager.class);
        runner.withBean("persistentDeadlineManager", DeadlineManager.class, () -> persistent)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(SimpleDeadlineManager.class);
                    assertThat(context.getBean(DeadlineManager.class)).isSameAs(persistent);
                });
    }
}
