package ma.crafts.register.bench;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The benchmark's commands and events: small, but shaped like the register's (ids, a bilingual name, a region code). */
final class BenchMessages {
    private BenchMessages() {
    }

    record OpenAccount(@TargetAggregateIdentifier String accountId, String holder, String region) {
    }

    record RecordEntry(@TargetAggregateIdentifier String accountId, long amount, String note) {
    }

    record AccountOpened(String accountId, String holder, String region) {
    }

    record EntryRecorded(String accountId, long amount, String note) {
    }
}
