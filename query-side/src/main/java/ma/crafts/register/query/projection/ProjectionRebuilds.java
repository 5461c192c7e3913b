package ma.crafts.register.query.projection;

import ma.crafts.register.query.mongo.CollectionNames;
import ma.crafts.register.query.projection.mongo.ProjectionGenerations;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.eventstore.MongoTokenStore;
import ma.crafts.register.query.ProjectionBatches;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.QueryProcessors;
import ma.crafts.register.query.projection.mongo.ProjectionGenerations.Pointer;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Rebuilds projections without downtime. A rebuild writes a new generation of the projection's collections from
 * position 0 with a tracking processor of its own ({@code projection-<name>-g<n>}, its own token), while the current
 * generation keeps serving reads and keeps being maintained. Once the new processor has applied everything the
 * current generation has, the projection's pointer document is switched to it; that processor then goes on maintaining
 * the generation it built, the former one is no longer written and is dropped after a grace period. Handing the projection back to the
 * shared processor instead would race with that processor's batch in flight; a processor per rebuilt projection has
 * nothing to hand over. Generation 0 is the one the shared {@value QueryProcessors#ARTISAN_PROJECTIONS} processor
 * maintains ({@link FirstGenerationProjections}), or for a projection no read waits for (the statistics) a processor
 * of its own.
 *
 * <p>Everything lives in the pointer documents and the token store, so a process killed during a rebuild restarts
 * with the old generation serving and the rebuild's processor resuming from its last token. A monitor reconciles the
 * running processors with the pointers, measures the rates and makes the switches.
 */
public class ProjectionRebuilds implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final String PREFIX = "projection-";

    private final Map<String, RebuildableProjection> projections = new LinkedHashMap<>();
    private final ProjectionGenerations generations;
    private final EventStore eventStore;
    private final MongoTokenStore tokenStore;
    private final Supplier<TrackingEventProcessorConfiguration> processorConfiguration;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, TrackingEventProcessor> running = new ConcurrentHashMap<>();
    private final Map<String, ProcessingRate> rates = new ConcurrentHashMap<>();
    private ScheduledExecutorService monitor;

    /**
     * @param monitorInterval how often the monitor samples positions and checks for a caught-up rebuild
     * @param retiredGrace    how long a replaced generation is kept for readers whose pointer cache is older
     */
    public record Settings(Duration monitorInterval, Duration retiredGrace) {
    }

    public ProjectionRebuilds(List<RebuildableProjection> projections, ProjectionGenerations generations,
                              EventStore eventStore, MongoTokenStore tokenStore,
                              Supplier<TrackingEventProcessorConfiguration> processorConfiguration, Settings settings,
                              Clock clock) {
        projections.forEach(p -> this.projections.put(p.name(), p));
        this.generations = generations;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.processorConfiguration = processorConfiguration;
        this.settings = settings;
        this.clock = clock;
        this.projections.keySet().forEach(name -> rates.put(name, new ProcessingRate()));
    }

    /** The processor that writes generation {@code generation} of a projection whose generation 0 is shared. */
    public static String processorName(String projection, int generation) {
        return generation == 0 ? QueryProcessors.ARTISAN_PROJECTIONS : PREFIX + projection + "-g" + generation;
    }

    /**
     * The processors whose views a read waiting on {@code processor} may be served from: for the shared processor,
     * also those of the projections that were rebuilt and switched, which now maintain their views alone.
     */
    public Collection<String> processorsServing(String processor) {
        if (!QueryProcessors.ARTISAN_PROJECTIONS.equals(processor)) {
            return List.of(processor);
        }
        Set<String> serving = new TreeSet<>();
        serving.add(processor);
        projections.values().stream().filter(p -> processor.equals(p.firstGenerationProcessor()))
                .forEach(p -> serving.add(processorOf(p, generations.current(p.name()).live())));
        return serving;
    }

    /** The processor that writes generation {@code generation} of the projection. */
    private static String processorOf(RebuildableProjection projection, int generation) {
        return generation == 0 ? projection.firstGenerationProcessor() : processorName(projection.name(), generation);
    }

    /**
     * Starts building a new generation of {@code name}.
     *
     * @throws NotFoundException       (404) for an unknown projection
     * @throws RuleViolationException (409) when a rebuild of it already runs
     */
    public ProjectionProgress rebuild(String name) {
        RebuildableProjection projection = projection(name);
        Pointer pointer = generations.beginRebuild(name);
        log.info("Rebuilding projection {} into generation {}", name, pointer.building());
        reconcile(projection, pointer);
        return progress(projection, pointer);
    }

    public List<ProjectionProgress> progress() {
        return projections.values().stream().map(p -> progress(p, generations.current(p.name()))).toList();
    }

    /** Gauges with the figures of {@link #progress()}, one series per projection. */
    public void registerGauges(MeterRegistry registry) {
        for (String name : projections.keySet()) {
            gauge(registry, "register.projection.position", "Global position applied", name, p -> p.position());
            gauge(registry, "register.projection.head", "Global position of the store's newest event", name,
                    p -> p.head());
            gauge(registry, "register.projection.rate", "Events applied per second", name, p -> p.rate());
            gauge(registry, "register.projection.eta", "Seconds to reach the head (NaN: not moving)", name,
                    p -> p.eta() == null ? Double.NaN : p.eta());
            gauge(registry, "register.projection.rebuilding", "1 while a rebuild runs", name,
                    p -> ProjectionProgress.REBUILDING.equals(p.status()) ? 1 : 0);
            gauge(registry, "register.projection.generation", "Generation serving reads", name, p -> p.generation());
        }
    }

    private void gauge(MeterRegistry registry, String metric, String description, String name,
                       ToDoubleFunction<ProjectionProgress> figure) {
        Gauge.builder(metric, this, rebuilds -> figure.applyAsDouble(rebuilds.progress(name)))
                .description(description).tag("projection", name).register(registry);
    }

    private ProjectionProgress progress(String name) {
        return progress(projection(name), generations.current(name));
    }

    private ProjectionProgress progress(RebuildableProjection projection, Pointer pointer) {
        String processor = reportedProcessor(projection, pointer);
        long position = position(processor);
        long head = ProjectionFreshness.storeHead(eventStore);
        long target = pointer.rebuilding() ? position(servingProcessor(projection, pointer)) : head;
        double rate = rates.get(projection.name()).perSecond(processor);
        Long eta = position >= target ? Long.valueOf(0)
                : rate > 0 ? Long.valueOf((long) Math.ceil((target - position) / rate)) : null;
        return new ProjectionProgress(projection.name(),
                pointer.rebuilding() ? ProjectionProgress.REBUILDING : ProjectionProgress.LIVE, pointer.live(),
                position, head, rate, eta);
    }

    private RebuildableProjection projection(String name) {
        RebuildableProjection projection = projections.get(name);
        if (projection == null) {
            throw new NotFoundException("No projection named " + name + "; the projections are "
                    + String.join(", ", projections.keySet()));
        }
        return projection;
    }

    private static String servingProcessor(RebuildableProjection projection, Pointer pointer) {
        return processorOf(projection, pointer.live());
    }

    private static String reportedProcessor(RebuildableProjection projection, Pointer pointer) {
        return processorOf(projection, pointer.rebuilding() ? pointer.building() : pointer.live());
    }

    /** The lowest position any segment of the processor has applied; -1 before its first token. */
    private long position(String processor) {
        long lowest = Long.MAX_VALUE;
        for (TrackingToken token : tokenStore.peekTokens(processor)) {
            TrackingToken lower = token == null ? null : WrappedToken.unwrapLowerBound(token);
            OptionalLong position = lower == null ? OptionalLong.empty() : lower.position();
            lowest = Math.min(lowest, position.orElse(-1));
        }
        return lowest == Long.MAX_VALUE ? -1 : lowest;
    }

    /** One pass of the monitor over every projection. */
    void monitor() {
        for (RebuildableProjection projection : projections.values()) {
            try {
                Pointer pointer = generations.read(projection.name());
                String processor = reportedProcessor(projection, pointer);
                long position = position(processor);
                rates.get(projection.name()).sample(processor, position, System.nanoTime());
                if (pointer.rebuilding() && caughtUp(position, position(servingProcessor(projection, pointer)))) {
                    pointer = generations.switchToBuilt(projection.name(), pointer.building());
                    log.info("Projection {} switched to generation {}", projection.name(), pointer.live());
                }
                if (pointer.retired() != null
                        && !clock.instant().isBefore(pointer.retiredAt().plus(settings.retiredGrace()))) {
                    drop(projection, pointer.retired());
                    generations.forgetRetired(projection.name(), pointer.retired());
                    pointer = generations.current(projection.name());
                }
                reconcile(projection, pointer);
            } catch (RuntimeException e) {
                log.warn("Monitoring projection {} failed; trying again", projection.name(), e);
            }
        }
    }

    /**
     * A rebuild has caught up once it has applied what the generation it replaces has: both processors read the same
     * store, so the new generation is then at least as fresh. (Not the store's head: that counts positions closed
     * without an event, which a processor's token only passes with the next event.)
     */
    private boolean caughtUp(long rebuilt, long serving) {
        return rebuilt >= serving && (rebuilt >= 0 || ProjectionFreshness.storeHead(eventStore) < 0);
    }

    /** Runs a processor for every generation the pointer needs written, and none for the others. */
    private synchronized void reconcile(RebuildableProjection projection, Pointer pointer) {
        Set<String> wanted = new TreeSet<>();
        if (pointer.live() > 0) {
            wanted.add(processorName(projection.name(), pointer.live()));
        }
        if (pointer.rebuilding()) {
            wanted.add(processorName(projection.name(), pointer.building()));
        }
        String ownPrefix = PREFIX + projection.name() + "-g";
        for (String processor : new ArrayList<>(running.keySet())) {
            if (processor.startsWith(ownPrefix) && !wanted.contains(processor)) {
                running.remove(processor).shutDown();
                deleteTokens(processor);
            }
        }
        if (pointer.live() > 0) {
            ensureRunning(projection, pointer.live());
        }
        if (pointer.rebuilding()) {
            ensureRunning(projection, pointer.building());
        }
    }

    private void ensureRunning(RebuildableProjection projection, int generation) {
        String name = processorName(projection.name(), generation);
        if (running.containsKey(name)) {
            return;
        }
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(projection.handler().apply(CollectionNames.generation(generation)))
                        .build())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(processorConfiguration.get())
                .build();
        processor.registerHandlerInterceptor(ProjectionBatches.flushing(name, () -> Optional.of(processor)));
        processor.start();
        running.put(name, processor);
    }

    private void deleteTokens(String processor) {
        for (int segment : tokenStore.fetchSegments(processor)) {
            tokenStore.fetchToken(processor, segment);
            tokenStore.deleteToken(processor, segment);
        }
    }

    private void drop(RebuildableProjection projection, int generation) {
        CollectionNames names = CollectionNames.generation(generation);
        generations.drop(projection.collections(), names);
        log.info("Dropped generation {} of projection {}", generation, projection.name());
    }

    @Override
    public synchronized void start() {
        monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "projection-rebuilds");
            thread.setDaemon(true);
            return thread;
        });
        projections.values().forEach(p -> reconcile(p, generations.read(p.name())));
        long interval = settings.monitorInterval().toMillis();
        monitor.scheduleWithFixedDelay(this::monitor, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (monitor != null) {
            monitor.shutdownNow();
            monitor = null;
        }
        running.values().forEach(TrackingEventProcessor::shutDown);
        running.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return monitor != null;
    }
}
