package ma.crafts.register.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import ma.crafts.register.events.artisan.ArtisanDetailsAmended;
import ma.crafts.register.events.artisan.ArtisanReinstated;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.events.artisan.ArtisanSuspended;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.platform.security.Role;
import ma.crafts.register.platform.security.RolesClaimAuthenticationConverter;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.QuerySideApplication;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanQueries;
import ma.crafts.register.query.artisan.ArtisanStreamReader;
import ma.crafts.register.query.audit.HistoryPages;
import ma.crafts.register.query.audit.HistoryQuery;
import ma.crafts.register.query.audit.HistoryService;
import ma.crafts.register.query.audit.PersonalDataDisclosure;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import ma.crafts.register.query.readlog.mongo.ReadLogRecords;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import org.HdrHistogram.Histogram;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What the auditor's page asks of the query side for one artisan with {@value #EVENTS} events, in the query side as it
 * runs (its Spring context on the embedded server, memory backend), called in process as an auditor: the history, a
 * page of {@value #PAGE_SIZE} events with each one's changes and the personal data opened, and the view as of an instant
 * rebuilt from the events; each answer written as JSON, as the controller's would be. The history is also read
 * through the same services with a read log that writes nothing, interleaved with the real one, for the log's cost.
 */
final class HistoryReads {
    static final int EVENTS = 200;
    private static final int PAGE_SIZE = 100;
    private static final String ARTISAN = "a-history-bench";
    private static final Instant FIRST_DAY = Instant.parse("2024-01-01T09:00:00Z");
    private static final Duration HIGHEST = Duration.ofSeconds(10);

    /**
     * @param historyAndAsOf every timed read of the history and the as-of view, with the read log
     * @param history        the history reads alone, with the read log
     * @param historyNoLog   the same reads with a read log that writes nothing
     * @param readLogRecords the records the read log holds at the end, warm-up included: what the logged reads wrote
     */
    record Figures(Histogram historyAndAsOf, Histogram history, Histogram historyNoLog, Histogram asOf,
                   long readLogRecords) {
        static double p99Millis(Histogram histogram) {
            return histogram.getValueAtPercentile(99) / 1000.0;
        }
    }

    private final Progress progress;
    private final Random random = new Random(20261207L);

    HistoryReads(Progress progress) {
        this.progress = progress;
    }

    Figures measure(int warmUpRounds, int rounds) throws Exception {
        Path data = Files.createTempDirectory("history-bench");
        try (ConfigurableApplicationContext querySide = new SpringApplicationBuilder(QuerySideApplication.class)
                .properties(Map.ofEntries(Map.entry("server.port", "0"), Map.entry("server.address", "127.0.0.1"),
                        Map.entry("register.auth.mode", "dev"),
                        Map.entry("register.mongodb.embedded.backend", "memory"),
                        Map.entry("register.mongodb.embedded.port", "0"),
                        Map.entry("register.data-dir", data.resolve("data").toString()),
                        Map.entry("register.key-dir", data.resolve("keys").toString()),
                        Map.entry("register.audit.checkpoint-dir", data.resolve("checkpoints").toString()),
                        Map.entry("register.audit.checkpoint-interval", "0"),
                        // Figures go to stdout: the application's banner and logs stay off it.
                        Map.entry("spring.main.banner-mode", "off"), Map.entry("logging.level.root", "WARN")))
                .run()) {
            appendTheHistory(querySide.getBean(EventStore.class), querySide.getBean(PersonalDataVault.class));
            ObjectMapper json = querySide.getBean(ObjectMapper.class);
            HistoryService logged = querySide.getBean(HistoryService.class);
            HistoryService unlogged = withoutReadLog(querySide, json);
            ArtisanQueries views = querySide.getBean(ArtisanQueries.class);
            HistoryQuery[] pages = {page(0, logged), page(1, logged)};
            SecurityContextHolder.setContext(new SecurityContextImpl(new RolesClaimAuthenticationConverter()
                    .convert(auditorToken())));
            try {
                progress.say("history reads: %,d rounds to warm up, then %,d measured", warmUpRounds, rounds);
                rounds(warmUpRounds, json, logged, unlogged, views, pages);
                Figures measured = rounds(rounds, json, logged, unlogged, views, pages);
                return new Figures(measured.historyAndAsOf(), measured.history(), measured.historyNoLog(),
                        measured.asOf(), querySide.getBean(ReadLogRecords.class).head().sequence());
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }

    /** Each round reads one history page with and one without the log, in a random order, and one as-of view. */
    private Figures rounds(int count, ObjectMapper json, HistoryService logged, HistoryService unlogged,
                           ArtisanQueries views, HistoryQuery[] pages) throws Exception {
        Histogram all = histogram();
        Histogram history = histogram();
        Histogram noLog = histogram();
        Histogram asOf = histogram();
        for (int round = 0; round < count; round++) {
            HistoryQuery page = pages[random.nextInt(pages.length)];
            boolean loggedFirst = random.nextBoolean();
            for (int turn = 0; turn < 2; turn++) {
                boolean withLog = loggedFirst == (turn == 0);
                HistoryService service = withLog ? logged : unlogged;
                long micros = timed(json, () -> service.history(ARTISAN, page));
                (withLog ? history : noLog).recordValue(micros);
                if (withLog) {
                    all.recordValue(micros);
                }
            }
            Instant instant = FIRST_DAY.plus(Duration.ofDays(random.nextInt(EVENTS))).plusSeconds(3600);
            long micros = timed(json, () -> views.asOf(ARTISAN, instant, null));
            asOf.recordValue(micros);
            all.recordValue(micros);
        }
        return new Figures(all, history, noLog, asOf, 0);
    }

    private static long timed(ObjectMapper json, Supplier<Object> read) throws Exception {
        long started = System.nanoTime();
        json.writeValueAsBytes(read.get());
        return (System.nanoTime() - started) / 1000;
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST.toNanos() / 1000, 3);
    }

    private static HistoryQuery page(int number, HistoryService service) {
        return HistoryQuery.parse(String.valueOf(number), String.valueOf(PAGE_SIZE), null, null, null, null,
                service.eventTypes());
    }

    /** The query side's history service over a read log that records nothing: the reference for the log's cost. */
    private static HistoryService withoutReadLog(ConfigurableApplicationContext querySide, ObjectMapper json) {
        PersonalDataReadLog nothingLogged = new PersonalDataReadLog(querySide.getBean(ReadLogRecords.class),
                querySide.getBean(CurrentActor.class), Clock.systemUTC()) {
            @Override
            public void record(String actorId, Collection<String> fields) {
                // the reference measurement: the same work, nothing written
            }
        };
        return new HistoryService(querySide.getBean(ArtisanStreamReader.class),
                querySide.getBean(ArtisanFolding.class),
                new HistoryPages(querySide.getBean(PersonalDataDisclosure.class), json, nothingLogged),
                querySide.getBean(ReadAccess.class), querySide.getBean(ProjectionFreshness.class));
    }

    private static Jwt auditorToken() {
        Instant now = Instant.now();
        return Jwt.withTokenValue("history-bench").header("alg", "none").subject("bench-auditor")
                .claim(CurrentActor.ROLES_CLAIM, List.of(Role.AUDITOR.name())).issuedAt(now)
                .expiresAt(now.plus(Duration.ofDays(1))).build();
    }

    /**
     * A registration, then amendments of the phone (sealed personal data, opened for the auditor), suspensions,
     * reinstatements and moves between two provinces of the region, in turn, a day apart, as the command side records
     * them.
     */
    private void appendTheHistory(EventStore store, PersonalDataVault vault) {
        store.publish(message(0, new ArtisanRegistered(ARTISAN, "NIA-" + ARTISAN, "MA-MAR", "MA-07", "B01-001", "B01",
                "2021-provisional-1", Gender.F, new RegisteredQualification(QualificationRoute.EXPERIENCE, 12, null),
                ArtisanCategory.MASTER_ARTISAN, vault.seal(ARTISAN, person(0))), null));
        for (int sequence = 1; sequence < EVENTS; sequence++) {
            Object event = switch (sequence % 4) {
                case 1 -> new ArtisanDetailsAmended(ARTISAN, List.of("phone"), vault.seal(ARTISAN, person(sequence)),
                        null, null, null);
                case 2 -> new ArtisanSuspended(ARTISAN, vault.sealText(ARTISAN, "inquiry " + sequence).orElseThrow());
                case 3 -> new ArtisanReinstated(ARTISAN,
                        vault.sealText(ARTISAN, "inquiry " + (sequence - 1) + " closed").orElseThrow());
                default -> sequence % 8 == 0
                        ? new ArtisanRelocated(ARTISAN, "MA-MAR", "MA-07", "MA-SAF", "MA-07", null)
                        : new ArtisanRelocated(ARTISAN, "MA-SAF", "MA-07", "MA-MAR", "MA-07", null);
            };
            store.publish(message(sequence, event, sequence % 4 == 1 ? "phone number changed" : null));
        }
        progress.say("history reads: %d events of %s appended", EVENTS, ARTISAN);
    }

    private static GenericDomainEventMessage<Object> message(long sequence, Object payload, String reason) {
        Map<String, Object> metaData = new HashMap<>(Map.of("recordedBy", "bench-clerk", "chamber", "MA-07",
                "traceId", UUID.randomUUID().toString().replace("-", "")));
        if (reason != null) {
            metaData.put("reason", reason);
        }
        return new GenericDomainEventMessage<>("Artisan", ARTISAN, sequence, payload, metaData,
                UUID.randomUUID().toString(), FIRST_DAY.plus(Duration.ofDays(sequence)));
    }

    private static PersonalData person(int version) {
        return new PersonalData("BE100000", new LocalizedText("فاطمة", "Fatima"), new LocalizedText("الزهراء", "Zahra"),
                LocalDate.parse("1984-03-02"), String.format("+2126%08d", version), "Derb Dabachi 12, Marrakech");
    }
}
