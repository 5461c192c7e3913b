package ma.crafts.register.bench;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import ma.crafts.register.bench.BenchMessages.AccountOpened;
import ma.crafts.register.bench.BenchMessages.EntryRecorded;
import ma.crafts.register.bench.BenchMessages.OpenAccount;
import ma.crafts.register.bench.BenchMessages.RecordEntry;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * The benchmark's aggregate: every command must load it (or create it) and apply one event, which is the shape of almost
 * every command in the register. Its fields are visible to Jackson so that snapshots of it can be stored.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class BenchAccount {
    static final String TYPE = BenchAccount.class.getSimpleName();

    @AggregateIdentifier
    private String accountId;
    private String region;
    private long balance;
    private int entries;

    protected BenchAccount() {
    }

    @CommandHandler
    public BenchAccount(OpenAccount command) {
        apply(new AccountOpened(command.accountId(), command.holder(), command.region()));
    }

    @CommandHandler
    public void handle(RecordEntry command) {
        if (command.amount() == 0) {
            throw new IllegalArgumentException("An entry must move some amount");
        }
        apply(new EntryRecorded(accountId, command.amount(), command.note()));
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        accountId = event.accountId();
        region = event.region();
    }

    @EventSourcingHandler
    void on(EntryRecorded event) {
        balance += event.amount();
        entries++;
    }

    int entries() {
        return entries;
    }

    long balance() {
        return balance;
    }
}
