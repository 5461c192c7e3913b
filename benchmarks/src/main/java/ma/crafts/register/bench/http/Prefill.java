package ma.crafts.register.bench.http;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.command.artisan.ArtisanCommandController;
import ma.crafts.register.command.artisan.ArtisanCommandController.RegisteredResponse;
import ma.crafts.register.command.card.CardCommandController;
import ma.crafts.register.command.card.CardCommandController.CardIssuedResponse;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Pre-fills a running register through its own event store: a second process on the register's MongoDB running the
 * command side (see {@link PrefillApplication}) that registers artisans and issues cards to most of them from several
 * threads, each as the chamber clerk of the artisan's region, through the same controller methods that
 * {@code POST /api/v1/artisans} and {@code POST /api/v1/artisans/{id}/cards} call: validation, CIN reservation, NIA and
 * card numbering, sealing of personal data and Axon's command gateway included. Only HTTP itself is skipped.
 *
 * <p>Options: {@code --mongodb-uri}, {@code --master-key-file} (the register's {@code master.key}: the CIN fingerprints
 * and sealed data must be the register's own), {@code --from} (first applicant number, so that runs can continue one
 * another), {@code --count}, {@code --threads} (8), {@code --card-share} (0.85), {@code --ids-file} (appended: one
 * {@code artisanId<TAB>regionCode} line per artisan). Progress goes to stderr; the last stdout line is
 * {@code PREFILL key=value ...}, {@code cpu_s} being this process's CPU time while generating (start-up excluded).
 * Exits 1 if more than 0.1 % of the registrations failed.
 */
public final class Prefill {
    private static final long PROGRESS_SECONDS = 15;

    private final ArtisanCommandController artisans;
    private final CardCommandController cards;
    private final Applicants applicants;
    private final ClerkContexts clerks = new ClerkContexts();
    private final double cardShare;

    private final AtomicLong registered = new AtomicLong();
    private final AtomicLong cardsIssued = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final LongAccumulator lastPosition = new LongAccumulator(Math::max, -1);
    private final AtomicReference<String> probeArtisan = new AtomicReference<>("");
    private final AtomicReference<String> probeCard = new AtomicReference<>("");
    private final AtomicBoolean abort = new AtomicBoolean();

    private Prefill(ConfigurableApplicationContext context, double cardShare) {
        this.artisans = context.getBean(ArtisanCommandController.class);
        this.cards = context.getBean(CardCommandController.class);
        this.applicants = new Applicants(context.getBean(Geography.class), context.getBean(Nomenclature.class),
                context.getBean(RegisterPolicy.class).today());
        this.cardShare = cardShare;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        String mongodbUri;
        String masterKey;
        long from;
        long count;
        int threads;
        double cardShare;
        Path idsFile;
        try {
            Options options = new Options(args);
            mongodbUri = options.text("mongodb-uri");
            masterKey = Files.readString(Path.of(options.text("master-key-file")), StandardCharsets.US_ASCII).strip();
            from = options.number("from", 0, Cins.PREFILL.capacity() - 1);
            count = options.number("count", 1, Cins.PREFILL.capacity() - from);
            threads = (int) options.number("threads", 8, 1, 256);
            cardShare = options.fraction("card-share", 0.85);
            idsFile = Path.of(options.text("ids-file"));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("prefill: " + e.getMessage());
            System.exit(2);
            return;
        }
        SpringApplication application = new SpringApplication(PrefillApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        // Arguments of run(), not of the process, so the key stays out of `ps`. Libraries log errors only: their
        // start-up notices would bury the progress lines, and this class reports every failed registration itself.
        ConfigurableApplicationContext context = application.run(
                "--register.mongodb.uri=" + mongodbUri,
                "--register.privacy.master-key=" + masterKey,
                "--logging.level.root=ERROR");
        int exit;
        try {
            exit = new Prefill(context, cardShare).run(from, count, threads, idsFile);
        } finally {
            context.close();
        }
        System.exit(exit);
    }

    private int run(long from, long count, int threads, Path idsFile) throws Exception {
        long end = from + count;
        long allowedFailures = Math.max(10, count / 1000);
        AtomicLong next = new AtomicLong(from);
        long started = System.nanoTime();
        double cpuAtStart = HttpLoad.processCpuSeconds();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "prefill-progress");
            t.setDaemon(true);
            return t;
        });
        progress.scheduleAtFixedRate(() -> System.err.printf(Locale.ROOT,
                        "prefill: %,d of %,d registered (%,.0f/s), %,d cards, %,d failed%n", registered.get(), count,
                        registered.get() / seconds(started), cardsIssued.get(), failed.get()),
                PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
        try (BufferedWriter ids = Files.newBufferedWriter(idsFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread worker = new Thread(() -> {
                    for (long n = next.getAndIncrement(); n < end && !abort.get(); n = next.getAndIncrement()) {
                        registerOne(n, ids, allowedFailures);
                    }
                }, "prefill-" + i);
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
        } finally {
            progress.shutdownNow();
        }
        double seconds = seconds(started);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.printf(Locale.ROOT, "PREFILL from=%d count=%d registered=%d cards=%d failed=%d seconds=%.1f per_second=%.1f "
                        + "last_position=%d probe_artisan=%s probe_card=%s cpu_s=%.1f%n", from, count, registered.get(),
                cardsIssued.get(), failed.get(), seconds, registered.get() / seconds, lastPosition.get(),
                probeArtisan.get(), probeCard.get(), HttpLoad.processCpuSeconds() - cpuAtStart);
        return abort.get() || failed.get() > allowedFailures ? 1 : 0;
    }

    private void registerOne(long n, BufferedWriter ids, long allowedFailures) {
        Applicants.Applicant applicant = applicants.applicant(Cins.PREFILL, n);
        String region = applicant.regionCode();
        try {
            RegisteredResponse artisan = clerks.asClerkOf(region, () -> artisans.register(applicant.request()).getBody());
            registered.incrementAndGet();
            lastPosition.accumulate(artisan.position());
            synchronized (ids) {
                ids.write(artisan.artisanId());
                ids.write('\t');
                ids.write(region);
                ids.write('\n');
            }
            probeArtisan.set(artisan.artisanId());
            if (new SplittableRandom(n).nextDouble() < cardShare) {
                CardIssuedResponse card = clerks.asClerkOf(region, () -> cards.issue(artisan.artisanId()).getBody());
                cardsIssued.incrementAndGet();
                lastPosition.accumulate(card.position());
                probeCard.set(card.cardNumber());
            }
        } catch (IOException e) {
            // The artisan is in the register but not in the list the load client picks from: stop, or the figures
            // would be about a smaller register than claimed.
            failed.incrementAndGet();
            if (abort.compareAndSet(false, true)) {
                System.err.println("prefill: cannot write " + e.getMessage() + ", stopping");
            }
        } catch (RuntimeException e) {
            long failures = failed.incrementAndGet();
            if (failures <= 5) {
                System.err.println("prefill: applicant " + n + " (" + applicant.request().provinceCode() + ") failed: "
                        + e);
            }
            if (failures > allowedFailures && abort.compareAndSet(false, true)) {
                System.err.println("prefill: more than " + allowedFailures + " failures, stopping");
            }
        }
    }

    private static double seconds(long startedNanos) {
        return Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
    }
}
