package ma.crafts.register.command;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The artisan aggregate schedules card expiries through a {@link DeadlineManager} handed to its handlers, which under
 * Spring must be a bean. The event store module provides the persistent one; this in-memory fallback only exists so
 * the command side still starts without it, and says loudly that deadlines then do not survive a restart (card
 * validity is still judged by date on every read and command, so a lost deadline delays only the CardExpired event).
 */
@AutoConfiguration(after = AxonAutoConfiguration.class,
        afterName = "ma.crafts.register.eventstore.deadline.DeadlineAutoConfiguration")
public class DeadlineFallbackAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DeadlineFallbackAutoConfiguration.class);

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean(DeadlineManager.class)
    public SimpleDeadlineManager inMemoryDeadlineManager(Configuration configuration,
                                                         ObjectProvider<TransactionManager> transactionManager) {
        log.warn("No persistent DeadlineManager is configured: card-expiry deadlines are kept in memory and are lost "
                + "on restart");
        return SimpleDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .transactionManager(transactionManager.getIfAvailable(() -> NoTransactionManager.INSTANCE))
                .build();
    }
}
