package ma.crafts.register.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;

/**
 * The load client of {@code bench/register-http.sh}, against a register on 127.0.0.1. Modes (first argument):
 * <ul>
 *   <li>{@code register}: {@code POST /api/v1/artisans} with new applicants (unique CINs from {@code --from}), each as
 *   the clerk of the applicant's region; prints {@code REGISTER ... next_from=n} (where the next run continues).</li>
 *   <li>{@code view}: {@code GET /api/v1/artisans/{id}} on artisans picked at random from {@code --ids-file}, as the
 *   clerk of the artisan's region; prints {@code VIEW ... p50_ms= p99_ms=}. With {@code --rate=n} the requests are
 *   due at n per second (an open loop, see {@link LoadPhase}) and {@code --concurrency} caps those in flight;
 *   without it, a closed loop of {@code --concurrency} clients.</li>
 *   <li>{@code catch-up}: waits until the artisan view and the card verification have applied {@code --position}
 *   (asking with {@code ?minPosition}, which the register holds for up to 5 s, then answers 503), at most
 *   {@code --timeout-seconds}; prints {@code CATCHUP seconds=}.</li>
 * </ul>
 * Load options: {@code --base-url}, {@code --concurrency} (16), {@code --seconds} (30), {@code --warmup-seconds} (5).
 * Progress and errors go to stderr; the figures are the last stdout line, as {@code key=value} pairs.
 */
public final class HttpLoad {
    private final RegisterClient client;
    private final Options options;
    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final AtomicLong loggedErrors = new AtomicLong();

    private HttpLoad(Options options) {
        this.options = options;
        this.client = new RegisterClient(options.text("base-url"));
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: HttpLoad register|view|catch-up --base-url=http://127.0.0.1:PORT"
                    + " [--name=value ...]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int exit;
        try {
            HttpLoad load = new HttpLoad(new Options(rest));
            exit = switch (args[0]) {
                case "register" -> load.register();
                case "view" -> load.view();
                case "catch-up" -> load.catchUp();
                default -> throw new IllegalArgumentException("unknown mode '" + args[0] + "'");
            };
        } catch (IllegalArgumentException e) {
            System.err.println("http load: " + e.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    private int register() throws Exception {
        long from = options.number("from", 0, Cins.HTTP.capacity() - 1);
        Applicants applicants = new Applicants(Geography.load(), Nomenclature.load(),
                LocalDate.now(RegisterPolicy.MOROCCO));
        Map<String, String> tokens = clerkTokens(Geography.load().regions().stream().map(Geography.Region::code).toList());
        AtomicLong next = new AtomicLong(from);
        LongAccumulator lastPosition = new LongAccumulator(Math::max, -1);
        AtomicReference<String> probe = new AtomicReference<>("");
        LoadPhase.Result result = phase("register", 0).run(() -> {
            Applicants.Applicant applicant = applicants.applicant(Cins.HTTP, next.getAndIncrement());
            RegisterClient.Response response = client.postJson("/api/v1/artisans", tokens.get(applicant.regionCode()),
                    applicant.request());
            if (response.statusCode() != 201) {
                return unexpected("POST /api/v1/artisans", response);
            }
            JsonNode body = RegisterClient.json(response);
            lastPosition.accumulate(body.path("position").asLong(-1));
            probe.set(body.path("artisanId").asText());
            return true;
        }, warmupSeconds(), seconds());
        report("REGISTER", result, String.format(Locale.ROOT,
                " registered_total=%d last_position=%d probe_artisan=%s next_from=%d",
                result.ok() + result.warmupOk(), lastPosition.get(), probe.get(), next.get()));
        return 0;
    }

    private int view() throws Exception {
        PrefilledIds ids = PrefilledIds.read(Path.of(options.text("ids-file")));
        System.err.printf("view: %,d pre-filled artisans to pick from%n", ids.size());
        Map<String, String> tokens = clerkTokens(ids.regions());
        long rate = options.number("rate", 0, 0, 1_000_000);
        LoadPhase.Result result = phase(rate > 0 ? "view at " + rate + "/s" : "view", rate).run(() -> {
            int i = ThreadLocalRandom.current().nextInt(ids.size());
            RegisterClient.Response response = client.get("/api/v1/artisans/" + ids.artisanId(i),
                    tokens.get(ids.regionCode(i)));
            return response.statusCode() == 200 || unexpected("GET /api/v1/artisans/{id}", response);
        }, warmupSeconds(), seconds());
        report("VIEW", result, String.format(Locale.ROOT, " p90_ms=%.2f p999_ms=%.2f max_ms=%.2f",
                result.millis(90), result.millis(99.9), result.latencies().getMaxValue() / 1000.0));
        return 0;
    }

    private int catchUp() throws Exception {
        long position = options.number("position", 0, Long.MAX_VALUE);
        String artisan = options.text("artisan");
        String card = options.text("card", "");
        long timeoutSeconds = options.number("timeout-seconds", 3600, 1, 24 * 3600);
        String auditor = client.token("bench-auditor", "AUDITOR", null);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        waitFor("/api/v1/artisans/" + artisan + "?minPosition=" + position, auditor, deadline);
        double artisanSeconds = (System.nanoTime() - start) / 1e9;
        if (!card.isEmpty()) {
            waitFor("/api/v1/cards/" + card + "/verification?minPosition=" + position, null, deadline);
        }
        out.printf(Locale.ROOT, "CATCHUP position=%d seconds=%.1f artisan_view_seconds=%.1f%n", position,
                (System.nanoTime() - start) / 1e9, artisanSeconds);
        return 0;
    }

    /** Asks until the answer is 200; the register itself waits up to 5 s per request before it says 503. */
    private void waitFor(String pathAndQuery, String token, long deadline) throws IOException, InterruptedException {
        long lastReport = System.nanoTime();
        while (true) {
            RegisterClient.Response response = client.get(pathAndQuery, token);
            if (response.statusCode() == 200) {
                return;
            }
            if (response.statusCode() != 503) {
                throw new IOException("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("GET " + pathAndQuery + " still 503 at the time limit: the projections are behind");
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(30)) {
                System.err.println("catch-up: projections still behind " + pathAndQuery);
                lastReport = System.nanoTime();
            }
            Thread.sleep(100);
        }
    }

    private Map<String, String> clerkTokens(Iterable<String> regions) throws IOException, InterruptedException {
        Map<String, String> tokens = new HashMap<>();
        for (String region : regions) {
            tokens.put(region, client.token(ClerkContexts.subject(region), "CHAMBER_CLERK", region));
        }
        return Map.copyOf(tokens);
    }

    private boolean unexpected(String what, RegisterClient.Response response) {
        if (loggedErrors.incrementAndGet() <= 5) {
            String body = response.body();
            System.err.println(what + " answered " + response.statusCode() + ": "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
        return false;
    }

    /** A closed loop when {@code ratePerSecond} is 0, else an open loop at that rate. */
    private LoadPhase phase(String name, long ratePerSecond) {
        return new LoadPhase(name, (int) options.number("concurrency", 16, 1, 1024), ratePerSecond);
    }

    private long seconds() {
        return options.number("seconds", 30, 1, 3600);
    }

    private long warmupSeconds() {
        return options.number("warmup-seconds", 5, 0, 3600);
    }

    /** {@code client_cpu_s}: this whole process's CPU time, so the caller can tell the load client's share of the CPUs. */
    private void report(String what, LoadPhase.Result result, String extra) {
        out.printf(Locale.ROOT, "%s ok=%d failed=%d seconds=%.1f per_second=%.1f p50_ms=%.2f p99_ms=%.2f%s warmup_ok=%d "
                        + "client_cpu_s=%.1f%n", what, result.ok(), result.failed(), result.seconds(), result.perSecond(),
                result.millis(50), result.millis(99), extra, result.warmupOk(), processCpuSeconds());
    }

    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
