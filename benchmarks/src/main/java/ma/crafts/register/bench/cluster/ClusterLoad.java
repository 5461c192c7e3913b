package ma.crafts.register.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ma.crafts.register.bench.http.Applicants;
import ma.crafts.register.bench.http.Cins;
import ma.crafts.register.bench.http.Options;
import ma.crafts.register.bench.http.RegisterClient;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;

/**
 * The load of {@code deploy/cluster-test.sh}, through the gateway: {@code --concurrency} clerks, each taking artisans
 * one after the other through a journey of commands (register, issue a card, join the provincial body, read the view
 * with {@code ?minPosition}, suspend, reinstate, and for every third a lost card and its replacement) for
 * {@code --seconds}. Every command carries its own {@code Idempotency-Key} and is sent again, with the same key, after
 * a connection error, a 5xx or a 409 that says the key is still busy, until it is answered or {@code --give-up-seconds}
 * pass. Before its first command it places Morocco's midnight on the command nodes' clock {@code --midnight-in-seconds}
 * ahead ({@link ShiftedClock}, through {@code --clock-offset-file}) and prints {@code MIDNIGHT at_ms= new_day=}.
 * What it saw goes to the {@link Ledger} ({@code --ledger}); the last stdout line is
 * {@code LOAD journeys= requests= acked= failed_attempts= unknown= rejected=}.
 */
public final class ClusterLoad {
    private static final Map<String, String> REASON = Map.of("reason", "cluster test");
    /** The journey number of the ledger's lines about professional bodies, which belong to no artisan. */
    static final long NO_JOURNEY = -1;

    private final RegisterClient client;
    private final Ledger ledger;
    private final Applicants applicants;
    private final Geography geography;
    private final Nomenclature nomenclature;
    private final Map<String, String> clerkTokens;
    private final String adminToken;
    private final long giveUpNanos;
    /** Provincial bodies by branch and province, constituted on first need under one key, so once. */
    private final Map<String, Optional<String>> bodies = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    private ClusterLoad(RegisterClient client, Ledger ledger, long giveUpSeconds) throws IOException {
        this.client = client;
        this.ledger = ledger;
        this.geography = Geography.load();
        this.nomenclature = Nomenclature.load();
        this.applicants = new Applicants(geography, nomenclature, LocalDate.now(RegisterPolicy.MOROCCO));
        Map<String, String> tokens = new HashMap<>();
        for (Geography.Region region : geography.regions()) {
            tokens.put(region.code(), client.token("cluster-clerk-" + region.code(), "CHAMBER_CLERK", region.code()));
        }
        this.clerkTokens = Map.copyOf(tokens);
        this.adminToken = client.token("cluster-admin", "REGISTRY_ADMIN", null);
        this.giveUpNanos = TimeUnit.SECONDS.toNanos(giveUpSeconds);
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int concurrency = (int) options.number("concurrency", 6, 1, 256);
        long seconds = options.number("seconds", 90, 1, 3600);
        RegisterClient client = new RegisterClient(options.text("base-url"));
        try (Ledger ledger = Ledger.create(Path.of(options.text("ledger")))) {
            ClusterLoad load = new ClusterLoad(client, ledger, options.number("give-up-seconds", 60, 1, 3600));
            ShiftedClock.Midnight midnight = ShiftedClock.placedAt(Instant.now().plusSeconds(
                    options.number("midnight-in-seconds", 1, 3600)));
            Files.writeString(Path.of(options.text("clock-offset-file")), Long.toString(midnight.offsetMillis()));
            // One write: the script reads the line while the load runs, and printf writes it piece by piece.
            System.out.print(String.format(Locale.ROOT, "MIDNIGHT at_ms=%d new_day=%s%n", midnight.at().toEpochMilli(),
                    midnight.newDay()));
            long journeys = load.run(concurrency, seconds);
            System.out.printf(Locale.ROOT, "LOAD journeys=%d requests=%d acked=%d failed_attempts=%d unknown=%d"
                            + " rejected=%d%n", journeys, load.requests.get(), load.acked.get(), load.failedAttempts.get(),
                    load.unknown.get(), load.rejected.get());
        }
    }

    /** Starts journeys until {@code seconds} have passed, then lets those under way finish. */
    private long run(int concurrency, long seconds) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService clerks = Executors.newFixedThreadPool(concurrency);
        for (int i = 0; i < concurrency; i++) {
            clerks.execute(() -> {
                while (System.nanoTime() < end) {
                    journey(next.getAndIncrement());
                }
            });
        }
        clerks.shutdown();
        if (!clerks.awaitTermination(seconds + 600, TimeUnit.SECONDS)) {
            throw new IllegalStateException("journeys still running 10 minutes after the load ended");
        }
        return next.get();
    }

    /** One artisan's commands; the journey stops at the first command that is not acknowledged. */
    private void journey(long n) {
        Applicants.Applicant applicant = applicants.applicant(Cins.HTTP, n);
        String clerk = clerkTokens.get(applicant.regionCode());
        Optional<JsonNode> registered = send(n, Step.REGISTER, "", "POST", "/api/v1/artisans", clerk,
                applicant.request());
        if (registered.isEmpty()) {
            return;
        }
        String artisanId = registered.get().path("artisanId").asText();
        String artisan = "/api/v1/artisans/" + artisanId;
        Optional<JsonNode> card = send(n, Step.ISSUE_CARD, artisanId, "POST", artisan + "/cards", clerk, null);
        if (card.isEmpty()) {
            return;
        }
        String branch = nomenclature.activity(applicant.request().activityCode()).orElseThrow().branchCode();
        Optional<String> body = provincialBody(branch, applicant.request().provinceCode());
        if (body.isEmpty()) {
            return;
        }
        Optional<JsonNode> joined = send(n, Step.JOIN_BODY, artisanId, "POST", artisan + "/memberships", clerk,
                Map.of("bodyId", body.get()));
        if (joined.isEmpty() || !readsOwnWrite(n, artisan, joined.get().path("position").asLong(), clerk)
                || send(n, Step.SUSPEND, artisanId, "POST", artisan + "/suspension", clerk, REASON).isEmpty()
                || send(n, Step.REINSTATE, artisanId, "POST", artisan + "/reinstatement", clerk, REASON).isEmpty()
                || n % 3 != 0) {
            return;
        }
        String cardPath = "/api/v1/cards/" + card.get().path("cardNumber").asText();
        if (send(n, Step.REPORT_CARD_LOST, artisanId, "POST", cardPath + "/loss-report", clerk, null).isPresent()) {
            send(n, Step.REPLACE_CARD, artisanId, "POST", cardPath + "/replacement", clerk, null);
        }
    }

    /**
     * Sends one command until it is answered. Acknowledged: 2xx. Sent again with the same key: connection errors,
     * 5xx, and 409 {@code /problems/concurrency} unless it says the outcome is unknown (the first attempt's node died
     * while holding the key, and the register will not run it a second time).
     */
    private Optional<JsonNode> send(long journey, Step step, String artisanId, String method, String path, String token,
                                    Object body) {
        return send("cluster-" + journey + "-" + step.name().toLowerCase(Locale.ROOT), journey, step, artisanId, method,
                path, token, body);
    }

    private Optional<JsonNode> send(String key, long journey, Step step, String artisanId, String method, String path,
                                    String token, Object body) {
        long giveUp = System.nanoTime() + giveUpNanos;
        for (int attempt = 1; ; attempt++) {
            requests.incrementAndGet();
            String failure;
            try {
                RegisterClient.Response response = client.command(method, path, token, body, key);
                int status = response.statusCode();
                if (status / 100 == 2) {
                    JsonNode answer = RegisterClient.json(response);
                    String id = artisanId.isEmpty() ? answer.path("artisanId").asText() : artisanId;
                    String detail = switch (step) {
                        case REGISTER -> answer.path("nia").asText();
                        case ISSUE_CARD, REPLACE_CARD -> answer.path("cardNumber").asText();
                        default -> "-";
                    };
                    ledger.add(new Ledger.Entry(Ledger.Kind.ACK, System.currentTimeMillis(), journey, step, id,
                            answer.path("version").asLong(-1), detail));
                    acked.incrementAndGet();
                    return Optional.of(answer);
                }
                if (status == 409 && response.body().contains("outcome is unknown")) {
                    return given(journey, step, artisanId, "409 outcome unknown");
                }
                if (status == 409 && (step == Step.REPORT_CARD_LOST || step == Step.REPLACE_CARD)
                        && "card-expired".equals(RegisterClient.json(response).path("rule").asText())) {
                    // Midnight came first: the card's validity ended, and the register rightly refuses.
                    ledger.add(new Ledger.Entry(Ledger.Kind.OVERTAKEN, System.currentTimeMillis(), journey, step,
                            orDash(artisanId), -1, response.body()));
                    return Optional.empty();
                }
                if (status < 500 && !(status == 409 && response.body().contains("/problems/concurrency"))) {
                    ledger.add(new Ledger.Entry(Ledger.Kind.REJECTED, System.currentTimeMillis(), journey, step,
                            orDash(artisanId), -1, status + " " + response.body()));
                    rejected.incrementAndGet();
                    return Optional.empty();
                }
                failure = status >= 500 ? Integer.toString(status) : null;
            } catch (IOException e) {
                failure = "io " + e.getClass().getSimpleName();
            }
            if (failure != null) {
                failedAttempts.incrementAndGet();
                ledger.add(new Ledger.Entry(Ledger.Kind.FAIL, System.currentTimeMillis(), journey, step,
                        orDash(artisanId), -1, failure));
            }
            if (System.nanoTime() > giveUp) {
                return given(journey, step, artisanId, "gave up after " + attempt + " attempts");
            }
            pause(attempt);
        }
    }

    private Optional<JsonNode> given(long journey, Step step, String artisanId, String why) {
        ledger.add(new Ledger.Entry(Ledger.Kind.UNKNOWN, System.currentTimeMillis(), journey, step, orDash(artisanId),
                -1, why));
        unknown.incrementAndGet();
        return Optional.empty();
    }

    /** The view answers for the clerk's own write: whichever query node the gateway picks waits for the position. */
    private boolean readsOwnWrite(long journey, String artisan, long position, String clerk) {
        long giveUp = System.nanoTime() + giveUpNanos;
        for (int attempt = 1; System.nanoTime() < giveUp; attempt++) {
            requests.incrementAndGet();
            String failure;
            try {
                RegisterClient.Response response = client.get(artisan + "?minPosition=" + position, clerk);
                if (response.statusCode() == 200) {
                    return true;
                }
                failure = Integer.toString(response.statusCode());
                if (response.statusCode() < 500) {
                    ledger.add(new Ledger.Entry(Ledger.Kind.REJECTED, System.currentTimeMillis(), journey,
                            Step.JOIN_BODY, artisan, -1, "read " + failure + " " + response.body()));
                    rejected.incrementAndGet();
                    return false;
                }
            } catch (IOException e) {
                failure = "io " + e.getClass().getSimpleName();
            }
            // 503 is the view's own answer after waiting 5 s for the position (api.md, ?minPosition): the query
            // side is behind, not failing. Anything else here is a failure at the gateway.
            boolean lagged = failure.equals("503");
            if (!lagged) {
                failedAttempts.incrementAndGet();
            }
            ledger.add(new Ledger.Entry(lagged ? Ledger.Kind.LAGGED : Ledger.Kind.FAIL, System.currentTimeMillis(),
                    journey, Step.JOIN_BODY, artisan, -1, "read " + failure));
            pause(attempt);
        }
        return false;
    }

    /** The provincial body of a branch in a province, constituted by the administrator the first time it is needed. */
    private Optional<String> provincialBody(String branch, String province) {
        return bodies.computeIfAbsent(branch + "|" + province, unused -> {
            Map<String, Object> request = Map.of("level", "PROVINCIAL", "branchCode", branch, "territoryCode", province,
                    "name", Map.of("ar", "الهيئة الإقليمية " + branch, "fr", "Corporation provinciale " + branch
                            + " " + province));
            return send("cluster-body-" + branch + "-" + province, NO_JOURNEY, Step.JOIN_BODY, "", "POST",
                    "/api/v1/professional-bodies", adminToken, request)
                    .map(answer -> answer.path("bodyId").asText());
        });
    }

    private static String orDash(String artisanId) {
        return artisanId.isEmpty() ? "-" : artisanId;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 100L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
