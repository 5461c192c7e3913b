package ma.crafts.register.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ma.crafts.register.bench.BenchMessages.AccountOpened;
import ma.crafts.register.bench.BenchMessages.EntryRecorded;
import ma.crafts.register.bench.BenchMessages.RecordEntry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void history_holdsFiveEventsPerAccount_inSequence_openingFirst_interleavedAcrossAccounts() {
        Workload workload = new Workload(500, 7);
        Map<String, Long> nextSequence = new HashMap<>();
        List<DomainEventMessage<?>> first = null;
        long previousTime = Long.MIN_VALUE;
        int events = 0;
        for (List<DomainEventMessage<?>> batch : workload.historyInBatches(64)) {
            first = first == null ? batch : first;
            for (DomainEventMessage<?> event : batch) {
                long expected = nextSequence.getOrDefault(event.getAggregateIdentifier(), 0L);
                assertThat(event.getSequenceNumber()).isEqualTo(expected);
                assertThat(event.getPayload()).isInstanceOf(expected == 0 ? AccountOpened.class : EntryRecorded.class);
                assertThat(event.getTimestamp().toEpochMilli()).isGreaterThan(previousTime);
                assertThat(event.getMetaData()).containsKeys("recordedBy", "chamber");
                previousTime = event.getTimestamp().toEpochMilli();
                nextSequence.put(event.getAggregateIdentifier(), expected + 1);
                events++;
            }
        }
        assertThat(events).isEqualTo(500);
        assertThat(nextSequence).hasSize(100).allSatisfy((id, next) -> assertThat(next).isEqualTo(5L));
        // Interleaved: the first batch opens 64 different accounts.
        assertThat(first).extracting(DomainEventMessage::getAggregateIdentifier).doesNotHaveDuplicates();
    }

    @Test
    void entriesOnExistingAccounts_hitDistinctAccountsOfTheStore_atMostOneEach() {
        Workload workload = new Workload(1000, 3);
        Set<String> accounts = Set.of(workload.accountIds);

        List<CommandMessage<?>> some = workload.entriesOnExistingAccounts(150, 11);
        List<CommandMessage<?>> tooMany = workload.entriesOnExistingAccounts(5000, 11);

        Set<String> targeted = new HashSet<>();
        for (CommandMessage<?> command : some) {
            RecordEntry entry = (RecordEntry) command.getPayload();
            assertThat(accounts).contains(entry.accountId());
            assertThat(targeted.add(entry.accountId())).isTrue();
            assertThat(entry.amount()).isPositive();
        }
        assertThat(some).hasSize(150);
        assertThat(tooMany).hasSize(200);
    }

    @Test
    void newAccounts_areDistinct_andCarryTheRegistersMetadata() {
        List<CommandMessage<?>> commands = Workload.newAccounts(300, 5);

        assertThat(commands).extracting(command -> ((BenchMessages.OpenAccount) command.getPayload()).accountId())
                .doesNotHaveDuplicates();
        assertThat(commands).allSatisfy(command -> assertThat(command.getMetaData()).containsEntry("chamber", "MA-05"));
    }
}
