package ma.crafts.register.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import ma.crafts.register.bench.BenchMessages.AccountOpened;
import ma.crafts.register.bench.BenchMessages.EntryRecorded;
import ma.crafts.register.bench.BenchMessages.OpenAccount;
import ma.crafts.register.bench.BenchMessages.RecordEntry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * The history a store is filled with and the commands run against it. A store of {@code n} events holds {@code n / 5}
 * accounts of exactly five events each. Events are interleaved across accounts (all openings, then every account's first
 * entry, and so on), as a busy register interleaves its aggregates, so a tracking batch touches many accounts. Historic
 * events carry timestamps spaced {@link #HISTORY_SPACING} apart, ending before the run starts: axon-mongo tracks by
 * timestamp and keeps the event ids of its look-back window in its token, so a history squeezed into a few seconds would
 * penalise it unrealistically.
 */
final class Workload {
    static final int EVENTS_PER_ACCOUNT = 5;
    static final Duration HISTORY_SPACING = Duration.ofMillis(10);
    static final MetaData COMMAND_METADATA = MetaData.with("recordedBy", "bench-clerk").and("chamber", "MA-05");

    private static final String[] HOLDERS = {
            "فاطمة الزهراء بناني / Fatima-Zahra Bennani", "Youssef El Amrani / يوسف العمراني",
            "Ḥassan Aït Ouaziz / حسن آيت وعزيز", "Élodie Chraïbi / إيلودي الشرايبي"};
    private static final String[] REGIONS = {"MA-01", "MA-02", "MA-03", "MA-04", "MA-05", "MA-06", "MA-07", "MA-08",
            "MA-09", "MA-10", "MA-11", "MA-12"};
    private static final String[] NOTES = {"Dépôt de cotisation / إيداع الاشتراك", "Régularisation / تسوية",
            "Frais de carte / رسوم البطاقة"};

    final long events;
    final String[] accountIds;
    private final Instant historyStart;

    Workload(long events, long seed) {
        if (events % EVENTS_PER_ACCOUNT != 0 || events <= 0) {
            throw new IllegalArgumentException("A store size must be a positive multiple of " + EVENTS_PER_ACCOUNT);
        }
        this.events = events;
        this.accountIds = new String[Math.toIntExact(events / EVENTS_PER_ACCOUNT)];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < accountIds.length; i++) {
            accountIds[i] = new UUID(random.nextLong(), random.nextLong()).toString();
        }
        this.historyStart = Instant.now().minus(HISTORY_SPACING.multipliedBy(events + 1));
    }

    int accounts() {
        return accountIds.length;
    }

    /** The {@code sequence}-th event of account {@code account}; its place in the interleaved history fixes its time. */
    DomainEventMessage<?> historyEvent(int account, int sequence) {
        long order = (long) sequence * accountIds.length + account;
        String id = accountIds[account];
        Object payload = sequence == 0
                ? new AccountOpened(id, HOLDERS[account % HOLDERS.length], REGIONS[account % REGIONS.length])
                : new EntryRecorded(id, 100L * sequence + account % 97, NOTES[(account + sequence) % NOTES.length]);
        MetaData metaData = COMMAND_METADATA.and("correlationId", UUID.randomUUID().toString());
        return new GenericDomainEventMessage<>(BenchAccount.TYPE, id, sequence, payload, metaData,
                UUID.randomUUID().toString(), historyStart.plus(HISTORY_SPACING.multipliedBy(order)));
    }

    /** The whole history in interleaved order, {@code batch} events at a time, for stores filled in plain batches. */
    Iterable<List<DomainEventMessage<?>>> historyInBatches(int batch) {
        return () -> new java.util.Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < events;
            }

            @Override
            public List<DomainEventMessage<?>> next() {
                List<DomainEventMessage<?>> list = new ArrayList<>(batch);
                for (; next < events && list.size() < batch; next++) {
                    list.add(historyEvent((int) (next % accountIds.length), (int) (next / accountIds.length)));
                }
                return list;
            }
        };
    }

    /** One entry on each of {@code count} distinct existing accounts, so every command loads exactly five prior events. */
    List<CommandMessage<?>> entriesOnExistingAccounts(int count, long seed) {
        int[] order = new int[accountIds.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int take = Math.min(count, order.length);
        List<CommandMessage<?>> commands = new ArrayList<>(take);
        for (int i = 0; i < take; i++) {
            int pick = i + random.nextInt(order.length - i);
            int chosen = order[pick];
            order[pick] = order[i];
            order[i] = chosen;
            commands.add(command(new RecordEntry(accountIds[chosen], 1 + random.nextInt(10_000), NOTES[i % NOTES.length])));
        }
        return commands;
    }

    /** Openings of {@code count} accounts that do not exist yet. */
    static List<CommandMessage<?>> newAccounts(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<CommandMessage<?>> commands = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            commands.add(command(new OpenAccount(new UUID(random.nextLong(), random.nextLong()).toString(),
                    HOLDERS[i % HOLDERS.length], REGIONS[i % REGIONS.length])));
        }
        return commands;
    }

    private static CommandMessage<?> command(Object payload) {
        return GenericCommandMessage.asCommandMessage(payload).andMetaData(Map.copyOf(COMMAND_METADATA));
    }
}
