package ma.crafts.register.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
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
import ma.crafts.register.query.artisan.mongo.ArtisanSearchIndex;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.audit.HistoryService;
import ma.crafts.register.query.card.CardProjection;
import ma.crafts.register.query.card.CardVerificationService;
import ma.crafts.register.query.card.mongo.CardVerificationRepository;
import ma.crafts.register.query.eligibility.EligibilityService;
import ma.crafts.register.query.eligibility.ProgrammeCatalogue;
import ma.crafts.register.query.eligibility.RuleEngine;
import ma.crafts.register.query.notification.NotificationProjection;
import ma.crafts.register.query.notification.NotificationQueries;
import ma.crafts.register.query.notification.mongo.NotificationRepository;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Wires the query side: projections on tracking processors, their Mongo collections, and the read services behind
 * the REST controllers. Self-contained (it scans its own packages), so a launcher may import just this class.
 *
 * <p>Settings: {@code register.query.min-position-timeout} (default 5s), {@code register.query.max-waiting-reads}
 * (default 32; how many {@code ?minPosition} reads may wait at once), {@code register.query.projection-threads}
 * (default 1), {@code register.query.projection-batch-size} (default 500), {@code register.time-zone} (default
 * Africa/Casablanca), {@code register.programmes.file} (default the bundled programmes) and
 * {@code register.nomenclature.file} (default the bundled nomenclature), {@code register.query.lookup-limit} (default
 * 30) lookups by CIN or NIA per caller in each {@code register.query.lookup-window} (default 1m).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = QuerySideConfiguration.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = QuerySideApplication.class))
public class QuerySideConfiguration {

    static final String DEFAULT_PROGRAMMES = "classpath:eligibility/programmes.json";

    @Autowired
    public void configureProcessors(EventProcessingConfigurer processing,
                                    @Value("${register.query.projection-threads:1}") int threads,
                                    @Value("${register.query.projection-batch-size:500}") int batchSize) {
        // Tracking, not subscribing: projections must be replayable (reset) and must survive restarts from their
        // stored token; the token store also tells ?minPosition how far each projection has got.
        processing.registerTrackingEventProcessor(QueryProcessors.ARTISAN_PROJECTIONS, Configuration::eventStore,
                c -> TrackingEventProcessorConfiguration.forParallelProcessing(Math.max(1, threads))
                        .andInitialSegmentsCount(Math.max(1, threads))
                        .andBatchSize(Math.max(1, batchSize)));
        // The projections write once per batch, from this interceptor, before the batch's token is stored.
        processing.registerHandlerInterceptor(QueryProcessors.ARTISAN_PROJECTIONS,
                c -> ProjectionBatches.flushing(QueryProcessors.ARTISAN_PROJECTIONS,
                        () -> c.eventProcessingConfiguration().eventProcessor(QueryProcessors.ARTISAN_PROJECTIONS,
                                StreamingEventProcessor.class)));
    }

    @Bean
    public ArtisanFolding queryArtisanFolding() {
        return new ArtisanFolding();
    }

    @Bean
    public ArtisanViewRepository queryArtisanViewRepository(MongoDatabase database) {
        return new ArtisanViewRepository(database);
    }

    @Bean
    public ArtisanSearchIndex queryArtisanSearchIndex(MongoDatabase database) {
        return new ArtisanSearchIndex(database);
    }

    @Bean
    public CardVerificationRepository queryCardVerificationRepository(MongoDatabase database) {
        return new CardVerificationRepository(database);
    }

    @Bean
    public ArtisanProjection queryArtisanProjection(ArtisanViewRepository views, ArtisanSearchIndex searchIndex,
                                               ArtisanFolding folding) {
        return new ArtisanProjection(views, searchIndex, folding);
    }

    @Bean
    public CardProjection queryCardProjection(CardVerificationRepository repository, ArtisanFolding folding) {
        return new CardProjection(repository, folding);
    }

    @Bean
    public NotificationRepository queryNotificationRepository(MongoDatabase database) {
        return new NotificationRepository(database);
    }

    @Bean
    public NotificationProjection queryNotificationProjection(NotificationRepository repository) {
        return new NotificationProjection(repository);
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
    public ActorReads queryActorReads(PersonalDataVault vault, ReadAccess access, ProjectionFreshness freshness) {
        return new ActorReads(vault, access, freshness);
    }

    @Bean
    public CooperativeQueries queryCooperativeQueries(CooperativeRepository repository, ActorReads reads) {
        return new CooperativeQueries(repository, reads);
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
    public EnterpriseQueries queryEnterpriseQueries(EnterpriseRepository repository, ActorReads reads) {
        return new EnterpriseQueries(repository, reads);
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
    public BodyQueries queryBodyQueries(BodyRepository repository, ReadAccess access, ProjectionFreshness freshness) {
        return new BodyQueries(repository, access, freshness);
    }

    @Bean
    public CardQueries queryCardQueries(CardVerificationRepository repository, ArtisanStreamReader streams,
                                        ReadAccess access, ProjectionFreshness freshness,
                                        RegisterCalendar queryRegisterCalendar) {
        return new CardQueries(repository, streams, access, freshness, queryRegisterCalendar);
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
                                            @Value("${register.query.lookup-window:1m}") Duration window) {
        return new ArtisanLookup(lookup, views, vault, access, new CallerRateLimit(limit, window));
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
                                                   @Value("${register.query.max-waiting-reads:32}") int maxWaiting) {
        return new ProjectionFreshness(progress, eventStore, actor, maxWait, maxWaiting);
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
                                         ProjectionFreshness freshness, RegisterCalendar queryRegisterCalendar) {
        return new ArtisanQueries(views, streams, presenter, access, freshness, queryRegisterCalendar);
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
                                                           ProjectionFreshness freshness) {
        return new CardVerificationService(repository, vault, queryRegisterCalendar, freshness);
    }

    @Bean
    public HistoryService queryHistoryService(ArtisanStreamReader streams, PersonalDataVault vault, ReadAccess access,
                                         ObjectMapper objectMapper, ProjectionFreshness freshness) {
        return new HistoryService(streams, vault, access, objectMapper, freshness);
    }

    @Bean
    public RuleEngine queryRuleEngine() {
        return new RuleEngine();
    }

    @Bean
    public ProgrammeCatalogue queryProgrammeCatalogue(ResourceLoader resources,
                                                 @Value("${register.programmes.file:" + DEFAULT_PROGRAMMES + "}")
                                                 String file) {
        return ProgrammeCatalogue.load(resource(resources, file));
    }

    @Bean
    public EligibilityService queryEligibilityService(ArtisanQueries artisans, ProgrammeCatalogue catalogue,
                                                 RuleEngine engine, RegisterCalendar queryRegisterCalendar) {
        return new EligibilityService(artisans, catalogue, engine, queryRegisterCalendar);
    }

    @Bean
    public ReferenceCatalog queryReferenceCatalog(Environment environment) {
        // Read through Spring so the override also works from application properties, not only the system
        // property and environment variable Nomenclature.load() consults on its own.
        return new ReferenceCatalog(Geography.load(),
                Nomenclature.load(environment.getProperty(Nomenclature.FILE_PROPERTY)));
    }

    /** {@code classpath:}/{@code file:} locations as Spring resolves them; a bare path is a file, not a resource. */
    static Resource resource(ResourceLoader resources, String location) {
        String trimmed = location.trim();
        if (trimmed.startsWith("classpath:") || trimmed.contains("://") || trimmed.startsWith("file:")) {
            return resources.getResource(trimmed);
        }
        return resources.getResource("file:" + trimmed);
    }
}
