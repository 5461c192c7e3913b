package ma.crafts.register.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import ma.crafts.register.eventstore.TrackingProgress;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.query.artisan.ArtisanLookup;
import ma.crafts.register.query.artisan.ArtisanLookupProjection;
import ma.crafts.register.query.artisan.mongo.ArtisanLookupRepository;
import ma.crafts.register.query.body.BodyProjection;
import ma.crafts.register.query.body.BodyQueries;
import ma.crafts.register.query.body.mongo.BodyRepository;
import ma.crafts.register.query.card.CardQueries;
import ma.crafts.register.query.cooperative.CooperativeProjection;
import ma.crafts.register.query.cooperative.CooperativeQueries;
import ma.crafts.register.query.cooperative.mongo.CooperativeRepository;
import ma.crafts.register.query.enterprise.EnterpriseProjection;
import ma.crafts.register.query.enterprise.EnterpriseQueries;
import ma.crafts.register.query.enterprise.mongo.EnterpriseRepository;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanProjection;
import ma.crafts.register.query.artisan.ArtisanQueries;
import ma.crafts.register.query.artisan.ArtisanSearch;
import ma.crafts.register.query.artisan.ArtisanStreamReader;
import ma.crafts.register.query.artisan.ArtisanViewPresenter;
import ma.crafts.register.query.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.audit.ActorHistories;
import ma.crafts.register.query.audit.HistoryPages;
import ma.crafts.register.query.audit.HistoryService;
import ma.crafts.register.query.audit.PersonalDataDisclosure;
import ma.crafts.register.query.card.CardDocumentRenderer;
import ma.crafts.register.query.card.CardDocuments;
import ma.crafts.register.query.card.CardProjection;
import ma.crafts.register.query.card.CardVerificationService;
import ma.crafts.register.query.card.mongo.CardVerificationRepository;
import ma.crafts.register.query.eligibility.EligibilityFolding;
import ma.crafts.register.query.eligibility.EligibilityModel;
import ma.crafts.register.query.eligibility.EligibilityProjection;
import ma.crafts.register.query.eligibility.EligibilityRecompute;
import ma.crafts.register.platform.lease.Lease;
import ma.crafts.register.query.eligibility.EligibilityService;
import ma.crafts.register.query.eligibility.EligibleActors;
import ma.crafts.register.query.eligibility.ProgrammeJudge;
import ma.crafts.register.query.eligibility.mongo.EligibilityRepository;
import ma.crafts.register.query.mongo.CollectionNames;
import ma.crafts.register.query.eligibility.RuleEngine;
import ma.crafts.register.query.notification.NotificationProjection;
import ma.crafts.register.query.notification.NotificationQueries;
import ma.crafts.register.query.notification.mongo.NotificationRepository;
import ma.crafts.register.query.programme.ProgrammeHistory;
import ma.crafts.register.query.programme.ProgrammeProjection;
import ma.crafts.register.query.programme.ProgrammeQueries;
import ma.crafts.register.query.programme.mongo.ProgrammeRepository;
import ma.crafts.register.query.projection.mongo.ProjectionGenerations;
import ma.crafts.register.query.projection.ProjectionRebuilds;
import ma.crafts.register.query.projection.RebuildableProjection;
import ma.crafts.register.query.readlog.PersonalDataReadLog;
import ma.crafts.register.query.readlog.mongo.ReadLogRecords;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.query.statistics.ActorCounting;
import ma.crafts.register.query.statistics.ActorGauges;
import ma.crafts.register.query.statistics.EligibleCounting;
import ma.crafts.register.query.statistics.FlowCounting;
import ma.crafts.register.query.statistics.StatisticsFacts;
import ma.crafts.register.query.statistics.StatisticsProjection;
import ma.crafts.register.query.statistics.StatisticsQueries;
import ma.crafts.register.query.statistics.StatisticsRecount;
import ma.crafts.register.query.statistics.mongo.StatisticsStore;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.env.Environment;

/**
 * Wires the query side: projections on tracking processors, their Mongo collections, and the read services behind
 * the REST controllers. Self-contained (it scans its own packages), so a launcher may import just this class.
 *
 * <p>Settings: {@code register.query.min-position-timeout} (default 5s), {@code register.query.max-waiting-reads}
 * (default 32; how many {@code ?minPosition} reads may wait at once), {@code register.query.projection-threads}
 * (default 1), {@code register.query.projection-batch-size} (default 500), {@code register.time-zone} (default
 * Africa/Casablanca), {@code register.nomenclature.file} (default the bundled nomenclature),
 * {@code register.cards.public-base-url} (default the address a request came in on; where the printed card's QR code
 * sends those who scan it) and {@code register.query.lookup-limit} (default 30) lookups by CIN or NIA per caller in
 * each {@code register.query.lookup-window} (default 1m). The programmes are events of the command side (seeded
 * there), projected here.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = QuerySideConfiguration.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = QuerySideApplication.class))
public class QuerySideConfiguration {

    @Autowired
    public void configureProcessors(EventProcessingConfigurer processing,
                                    @Value("${register.query.projection-threads:1}") int threads,
                                    @Value("${register.query.projection-batch-size:500}") int batchSize) {
        for (String processor : List.of(QueryProcessors.ARTISAN_PROJECTIONS, QueryProcessors.STATISTICS_PROJECTIONS)) {
            // Tracking, not subscribing: projections must be replayable (reset) and must survive restarts from their
            // stored token; the token store also tells ?minPosition how far each projection has got.
            processing.registerTrackingEventProcessor(processor, Configuration::eventStore,
                    c -> QueryProcessors.configuration(threads, batchSize));
            // The projections write once per batch, from this interceptor, before the batch's token is stored.
            processing.registerHandlerInterceptor(processor, c -> ProjectionBatches.flushing(processor,
                    () -> c.eventProcessingConfiguration().eventProcessor(processor, StreamingEventProcessor.class)));
        }
    }

    @Bean
    public ArtisanFolding queryArtisanFolding() {
        return new ArtisanFolding();
    }

    // The repositories the reads use follow the generation serving reads; the projections' handlers are made per
    // generation, by the definitions below, and are run by the shared processor (generation 0) or by a rebuild's.

    @Bean
    public ArtisanViewRepository queryArtisanViewRepository(MongoDatabase database, ProjectionGenerations generations) {
        return new ArtisanViewRepository(database, generations.live(QueryProcessors.ARTISAN_VIEW));
    }

    @Bean
    public ArtisanSearchIndex queryArtisanSearchIndex(MongoDatabase database, ProjectionGenerations generations) {
        return new ArtisanSearchIndex(database, generations.live(QueryProcessors.ARTISAN_VIEW));
    }

    @Bean
    public CardVerificationRepository queryCardVerificationRepository(MongoDatabase database,
                                                                      ProjectionGenerations generations) {
        return new CardVerificationRepository(database, generations.live(QueryProcessors.CARD_VERIFICATION));
    }

    @Bean
    public NotificationRepository queryNotificationRepository(MongoDatabase database,
                                                              ProjectionGenerations generations) {
        return new NotificationRepository(database, generations.live(QueryProcessors.CHAMBER_NOTIFICATIONS));
    }

    @Bean
    public RebuildableProjection queryArtisanViewProjection(MongoDatabase database, ArtisanFolding folding) {
        return new RebuildableProjection(QueryProcessors.ARTISAN_VIEW,
                List.of(ArtisanViewRepository.COLLECTION, ArtisanSearchIndex.WINDOWS, ArtisanSearchIndex.COUNTS),
                names -> new ArtisanProjection(new ArtisanViewRepository(database, names),
                        new ArtisanSearchIndex(database, names), folding));
    }

    @Bean
    public RebuildableProjection queryCardVerificationProjection(MongoDatabase database, ArtisanFolding folding) {
        return new RebuildableProjection(QueryProcessors.CARD_VERIFICATION,
                List.of(CardVerificationRepository.CARDS, CardVerificationRepository.HOLDERS,
                        CardVerificationRepository.CHECK_CODES),
                names -> new CardProjection(new CardVerificationRepository(database, names), folding));
    }

    @Bean
    public RebuildableProjection queryChamberNotificationsProjection(MongoDatabase database) {
        return new RebuildableProjection(QueryProcessors.CHAMBER_NOTIFICATIONS,
                List.of(NotificationRepository.NOTIFICATIONS),
                names -> new NotificationProjection(new NotificationRepository(database, names)));
    }

    /**
     * The statistics projection; {@code register.statistics.projection=false} leaves it out (the benchmark measures
     * what it costs the registrations), and the statistics then read empty.
     */
    @Bean
    @ConditionalOnProperty(name = "register.statistics.projection", havingValue = "true", matchIfMissing = true)
    public RebuildableProjection queryStatisticsProjection(MongoDatabase database, ArtisanFolding folding,
                                                           StatisticsFacts facts) {
        return new RebuildableProjection(QueryProcessors.STATISTICS, StatisticsStore.COLLECTIONS,
                names -> new StatisticsProjection(new StatisticsStore(database, names), folding, facts),
                QueryProcessors.STATISTICS_PROJECTIONS);
    }

    @Bean
    public StatisticsFacts queryStatisticsFacts(PersonalDataVault vault, ReferenceCatalog referenceCatalog) {
        return new StatisticsFacts(vault, referenceCatalog);
    }

    @Bean
    public StatisticsStore queryStatisticsStore(MongoDatabase database, ProjectionGenerations generations) {
        return new StatisticsStore(database, generations.live(QueryProcessors.STATISTICS));
    }

    @Bean
    public ActorCounting queryActorCounting(StatisticsStore store, ReferenceCatalog referenceCatalog,
                                            ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clock) {
        ActorCounting counting = new ActorCounting(store, referenceCatalog);
        meters.ifAvailable(registry -> new ActorGauges(counting, clock.getIfUnique(Clock::systemUTC),
                Duration.ofSeconds(15)).register(registry, referenceCatalog));
        return counting;
    }

    @Bean
    public StatisticsQueries queryStatisticsQueries(ActorCounting counting, StatisticsStore store,
                                                    EligibilityModel eligibilityModel, ProgrammeRepository programmes,
                                                    ReferenceCatalog referenceCatalog, ReadAccess access,
                                                    RegisterCalendar queryRegisterCalendar) {
        Supplier<List<String>> programIds = () -> programmes.all().stream().map(ProgrammeHistory::programId).toList();
        EligibleCounting eligible = new EligibleCounting(eligibilityModel, programIds, store, referenceCatalog);
        return new StatisticsQueries(counting, eligible, new FlowCounting(store, referenceCatalog), referenceCatalog,
                access, queryRegisterCalendar);
    }

    @Bean
    public StatisticsRecount queryStatisticsRecount(EventStore eventStore, StatisticsStore store,
                                                    ArtisanFolding folding, StatisticsFacts facts,
                                                    ReferenceCatalog referenceCatalog) {
        return new StatisticsRecount(eventStore, store, folding, facts, referenceCatalog);
    }

    @Bean
    public NotificationQueries queryNotificationQueries(NotificationRepository repository,
                                                        ReferenceCatalog referenceCatalog, ReadAccess access,
                                                        ProjectionFreshness freshness) {
        return new NotificationQueries(repository, referenceCatalog, access, freshness);
    }

    @Bean
    public CooperativeRepository queryCooperativeRepository(MongoDatabase database) {
        return new CooperativeRepository(database);
    }

    @Bean
    public CooperativeProjection queryCooperativeProjection(CooperativeRepository repository) {
        return new CooperativeProjection(repository);
    }

    @Bean
    public ReadLogRecords queryReadLogRecords(MongoDatabase database) {
        return new ReadLogRecords(database);
    }

    @Bean
    public PersonalDataReadLog queryPersonalDataReadLog(ReadLogRecords records, CurrentActor actor,
                                                        ObjectProvider<Clock> clock) {
        return new PersonalDataReadLog(records, actor, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    public ActorReads queryActorReads(PersonalDataVault vault, ReadAccess access, ProjectionFreshness freshness,
                                      PersonalDataReadLog readLog) {
        return new ActorReads(vault, access, freshness, readLog);
    }

    @Bean
    public ActorHistories queryActorHistories(EventStore eventStore, HistoryPages pages, ReadAccess access,
                                              ProjectionFreshness freshness) {
        return new ActorHistories(eventStore, pages, access, freshness);
    }

    @Bean
    public CooperativeQueries queryCooperativeQueries(CooperativeRepository repository, ActorReads reads,
                                                      ActorHistories histories) {
        return new CooperativeQueries(repository, reads, histories);
    }

    @Bean
    public EnterpriseRepository queryEnterpriseRepository(MongoDatabase database) {
        return new EnterpriseRepository(database);
    }

    @Bean
    public EnterpriseProjection queryEnterpriseProjection(EnterpriseRepository repository) {
        return new EnterpriseProjection(repository);
    }

    @Bean
    public EnterpriseQueries queryEnterpriseQueries(EnterpriseRepository repository, ActorReads reads,
                                                    ActorHistories histories) {
        return new EnterpriseQueries(repository, reads, histories);
    }

    @Bean
    public BodyRepository queryBodyRepository(MongoDatabase database) {
        return new BodyRepository(database);
    }

    @Bean
    public BodyProjection queryBodyProjection(BodyRepository repository) {
        return new BodyProjection(repository);
    }

    @Bean
    public BodyQueries queryBodyQueries(BodyRepository repository, ReadAccess access, ProjectionFreshness freshness,
                                        ReferenceCatalog reference, ActorHistories histories) {
        return new BodyQueries(repository, access, freshness, reference, histories);
    }

    @Bean
    public CardQueries queryCardQueries(CardVerificationRepository repository, ArtisanStreamReader streams,
                                        ReadAccess access, ProjectionFreshness freshness,
                                        RegisterCalendar queryRegisterCalendar, PersonalDataVault vault,
                                        PersonalDataReadLog readLog) {
        return new CardQueries(repository, streams, access, freshness, queryRegisterCalendar, vault, readLog);
    }

    @Bean
    public ArtisanLookupRepository queryArtisanLookupRepository(MongoDatabase database) {
        return new ArtisanLookupRepository(database);
    }

    @Bean
    public ArtisanLookupProjection queryArtisanLookupProjection(ArtisanLookupRepository repository,
                                                                PersonalDataVault vault) {
        return new ArtisanLookupProjection(repository, vault);
    }

    @Bean
    public ArtisanLookup queryArtisanLookup(ArtisanLookupRepository lookup, ArtisanViewRepository views,
                                            PersonalDataVault vault, ReadAccess access,
                                            @Value("${register.query.lookup-limit:30}") int limit,
                                            @Value("${register.query.lookup-window:1m}") Duration window,
                                            PersonalDataReadLog readLog) {
        return new ArtisanLookup(lookup, views, vault, access, new CallerRateLimit(limit, window), readLog);
    }

    @Bean
    public RegisterCalendar queryRegisterCalendar(ObjectProvider<Clock> clock,
                                                  @Value("${register.time-zone:Africa/Casablanca}") String zone) {
        return new RegisterCalendar(clock.getIfUnique(Clock::systemUTC), ZoneId.of(zone));
    }

    @Bean
    public ProjectionFreshness queryProjectionFreshness(TrackingProgress progress, EventStore eventStore,
                                                   CurrentActor actor,
                                                   @Value("${register.query.min-position-timeout:5s}") Duration maxWait,
                                                   @Value("${register.query.max-waiting-reads:32}") int maxWaiting,
                                                   ProjectionRebuilds rebuilds) {
        return new ProjectionFreshness(progress, eventStore, actor, maxWait, maxWaiting, rebuilds::processorsServing);
    }

    @Bean
    public ReadAccess queryReadAccess(CurrentActor actor) {
        return new ReadAccess(actor);
    }

    @Bean
    public ArtisanStreamReader queryArtisanStreamReader(EventStore eventStore, ArtisanFolding folding) {
        return new ArtisanStreamReader(eventStore, folding);
    }

    @Bean
    public ArtisanViewPresenter queryArtisanViewPresenter(PersonalDataVault vault) {
        return new ArtisanViewPresenter(vault);
    }

    @Bean
    public ArtisanQueries queryArtisanQueries(ArtisanViewRepository views, ArtisanStreamReader streams,
                                         ArtisanViewPresenter presenter, ReadAccess access,
                                         ProjectionFreshness freshness, RegisterCalendar queryRegisterCalendar,
                                         PersonalDataReadLog readLog) {
        return new ArtisanQueries(views, streams, presenter, access, freshness, queryRegisterCalendar, readLog);
    }

    @Bean
    public ArtisanSearch queryArtisanSearch(ArtisanSearchIndex index, ArtisanViewRepository views,
                                       ReferenceCatalog referenceCatalog, ReadAccess access,
                                       ProjectionFreshness freshness, RegisterCalendar queryRegisterCalendar) {
        return new ArtisanSearch(index, views, referenceCatalog, access, freshness, queryRegisterCalendar);
    }

    @Bean
    public CardVerificationService queryCardVerificationService(CardVerificationRepository repository,
                                                           PersonalDataVault vault,
                                                           RegisterCalendar queryRegisterCalendar,
                                                           ProjectionFreshness freshness,
                                                           EligibilityService eligibility) {
        return new CardVerificationService(repository, vault, queryRegisterCalendar, freshness, eligibility);
    }

    @Bean
    public CardDocuments queryCardDocuments(CardVerificationRepository repository, PersonalDataVault vault,
                                            ReadAccess access, ReferenceCatalog referenceCatalog,
                                            RegisterCalendar queryRegisterCalendar, PersonalDataReadLog readLog) {
        return new CardDocuments(repository, vault, access, referenceCatalog, queryRegisterCalendar,
                new CardDocumentRenderer(), readLog);
    }

    @Bean
    public PersonalDataDisclosure queryPersonalDataDisclosure(PersonalDataVault vault, ObjectMapper objectMapper) {
        return new PersonalDataDisclosure(vault, objectMapper);
    }

    @Bean
    public HistoryPages queryHistoryPages(PersonalDataDisclosure disclosure, ObjectMapper objectMapper,
                                          PersonalDataReadLog readLog) {
        return new HistoryPages(disclosure, objectMapper, readLog);
    }

    @Bean
    public HistoryService queryHistoryService(ArtisanStreamReader streams, ArtisanFolding queryArtisanFolding,
                                              HistoryPages pages, ReadAccess access, ProjectionFreshness freshness) {
        return new HistoryService(streams, queryArtisanFolding, pages, access, freshness);
    }

    @Bean
    public RuleEngine queryRuleEngine() {
        return new RuleEngine();
    }

    @Bean
    public ProgrammeRepository queryProgrammeRepository(MongoDatabase database, ObjectMapper objectMapper) {
        return new ProgrammeRepository(database, objectMapper);
    }

    @Bean
    public ProgrammeProjection queryProgrammeProjection(ProgrammeRepository repository) {
        return new ProgrammeProjection(repository);
    }

    @Bean
    public ProgrammeQueries queryProgrammeQueries(ProgrammeRepository repository, ReadAccess access,
                                                  ProjectionFreshness freshness,
                                                  RegisterCalendar queryRegisterCalendar) {
        return new ProgrammeQueries(repository, access, freshness, queryRegisterCalendar);
    }

    @Bean
    public ProgrammeJudge queryProgrammeJudge(RuleEngine engine, RegisterCalendar queryRegisterCalendar,
                                              PersonalDataVault vault) {
        return new ProgrammeJudge(engine, queryRegisterCalendar, vault);
    }

    /** Makes the eligibility model of any generation, its passes run under this process's lease. */
    public record EligibilityModels(MongoDatabase database, ProgrammeJudge judge, ProgrammeRepository programmes,
                                    RegisterCalendar calendar, ArtisanFolding folding, Lease lease, double passShare) {
        public EligibilityModel of(CollectionNames names) {
            return new EligibilityModel(new EligibilityRepository(database, names), judge, programmes::all,
                    calendar, folding, lease, passShare);
        }
    }

    /**
     * Settings: {@code register.query.eligibility.lease-term} (default 60s), how long a process that stopped renewing
     * its lease on the recompute passes keeps the other query-side processes from taking them over;
     * {@code register.query.eligibility.pass-share} (default 0.5), the share of its thread's time a recompute pass
     * takes, resting between slices so the reads keep cores to run on.
     */
    @Bean
    public EligibilityModels queryEligibilityModels(MongoDatabase database, ProgrammeJudge judge,
                                                    ProgrammeRepository programmes,
                                                    RegisterCalendar queryRegisterCalendar, ArtisanFolding folding,
                                                    @Value("${register.query.eligibility.lease-term:60s}")
                                                    Duration leaseTerm,
                                                    @Value("${register.query.eligibility.pass-share:0.5}")
                                                    double passShare) {
        String holder = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID();
        return new EligibilityModels(database, judge, programmes, queryRegisterCalendar, folding,
                new Lease(holder, leaseTerm), passShare);
    }

    /** The model serving reads: whichever generation the pointer designates at each call. */
    @Bean
    public EligibilityModel queryEligibilityModel(EligibilityModels models, ProjectionGenerations generations) {
        return models.of(generations.live(QueryProcessors.ELIGIBILITY));
    }

    /** Setting: {@code register.query.eligibility.check-interval} (default 30s), how often a pass is looked for. */
    @Bean
    public EligibilityRecompute queryEligibilityRecompute(
            EligibilityModels models, ProjectionGenerations generations,
            @Value("${register.query.eligibility.check-interval:30s}") Duration checkInterval) {
        return new EligibilityRecompute(generation -> models.of(CollectionNames.generation(generation)), () -> {
            ProjectionGenerations.Pointer pointer = generations.current(QueryProcessors.ELIGIBILITY);
            return pointer.rebuilding() ? Set.of(pointer.live(), pointer.building()) : Set.of(pointer.live());
        }, checkInterval);
    }

    @Bean
    public RebuildableProjection queryEligibilityProjection(EligibilityModels models, EligibilityRecompute recompute) {
        return new RebuildableProjection(QueryProcessors.ELIGIBILITY,
                List.of(EligibilityRepository.ACTORS, EligibilityRepository.VERSIONS),
                names -> new EligibilityProjection(models.of(names), recompute::wake));
    }

    @Bean
    public EligibilityService queryEligibilityService(ArtisanQueries artisans, ProgrammeQueries programmes,
                                                      ProgrammeJudge judge, EligibilityModel model,
                                                      ActorHistories histories, ArtisanFolding folding,
                                                      ReadAccess access, ProjectionFreshness freshness) {
        return new EligibilityService(artisans, programmes, judge, model, new EligibilityService.Organisations(
                histories, new EligibilityFolding(folding), access, freshness));
    }

    @Bean
    public EligibleActors queryEligibleActors(EligibilityModel model, ProgrammeQueries programmes,
                                              ReferenceCatalog referenceCatalog, ReadAccess access) {
        return new EligibleActors(model, programmes, referenceCatalog, access);
    }

    @Bean
    public ReferenceCatalog queryReferenceCatalog(Environment environment) {
        // Read through Spring so the override also works from application properties, not only the system
        // property and environment variable Nomenclature.load() consults on its own.
        return new ReferenceCatalog(Geography.load(),
                Nomenclature.load(environment.getProperty(Nomenclature.FILE_PROPERTY)));
    }
}
