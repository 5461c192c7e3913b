package ma.crafts.register.command.mongo;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import ma.crafts.register.command.EventStreams;
import ma.crafts.register.command.artisan.CinReservations;
import ma.crafts.register.command.artisan.mongo.MongoCinReservations;
import ma.crafts.register.command.imports.ImportJobs;
import ma.crafts.register.command.imports.ImportKeys;
import ma.crafts.register.command.imports.mongo.MongoImportJobs;
import ma.crafts.register.command.imports.mongo.MongoImportKeys;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.command.numbering.SequenceAllocator;
import ma.crafts.register.command.numbering.mongo.MongoIssuedNumbers;
import ma.crafts.register.command.numbering.mongo.MongoSequenceAllocator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command side's MongoDB collections: number counters and pool, issued numbers, CIN reservations, import jobs. */
@Configuration(proxyBeanMethods = false)
public class CommandMongoConfiguration {

    @Bean
    public SequenceAllocator sequenceAllocator(MongoDatabase database) {
        return new MongoSequenceAllocator(database);
    }

    @Bean
    public IssuedNumbers issuedNumbers(MongoDatabase database) {
        return new MongoIssuedNumbers(database, Clock.systemUTC());
    }

    @Bean
    public ImportJobs importJobs(MongoDatabase database) {
        return new MongoImportJobs(database);
    }

    @Bean
    public ImportKeys importKeys(MongoDatabase database) {
        return new MongoImportKeys(database);
    }

    /**
     * @param takeOverAfter how old a reservation without an event stream must be before another registration of the
     *                      same CIN may take it over (a registration that crashed between reserving and storing)
     */
    @Bean
    public CinReservations cinReservations(MongoDatabase database, EventStreams streams,
                                           @Value("${register.cin-reservation.take-over-after:PT2M}") Duration takeOverAfter) {
        return new MongoCinReservations(database, streams::exists, takeOverAfter, Clock.systemUTC());
    }
}
