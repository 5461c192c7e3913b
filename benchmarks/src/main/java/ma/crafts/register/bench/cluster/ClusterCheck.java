package ma.crafts.register.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import ma.crafts.register.bench.http.Options;
import ma.crafts.register.bench.http.RegisterClient;
import org.bson.Document;

/**
 * The checks of {@code deploy/cluster-test.sh}. Modes (first argument):
 * <ul>
 *   <li>{@code reclaim --mongo-uri= --pids=a,b --timeout-seconds= [--pick-at-ms=]}: at {@code pick-at-ms} (epoch
 *   milliseconds; started early, so that a slow JVM start does not delay the kill), of two nodes of a side, picks the
 *   one that owns the most tracking segments (the first if neither owns any) for the kill, so that the other has them
 *   to take over, and prints {@code WATCHING dead= survivor= segments=}; once that process has died, waits until the survivor owns
 *   every segment it owned and prints {@code RECLAIM segments= seconds=} (exit 1 if the time ran out, with
 *   {@code unclaimed=segment@ownerpid,...}).</li>
 *   <li>{@code check --mongo-uri= --ledger= --query-urls=a,b --windows=from-to,... --new-day=YYYY-MM-DD}: holds the
 *   ledger against the store and the two query nodes against each other (views, read log, checkpoints), prints one {@code VIOLATION} line per fault
 *   found and the figures as the last line; exit 1 on any violation.</li>
 * </ul>
 */
public final class ClusterCheck {
    private final List<String> violations = new ArrayList<>();
    private final List<String> viewsUnlikeEvents = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ClusterCheck reclaim|check --name=value ...");
            System.exit(2);
        }
        Options options = new Options(Arrays.copyOfRange(args, 1, args.length));
        try (MongoClient mongo = MongoClients.create(options.text("mongo-uri"))) {
            MongoDatabase database = mongo.getDatabase(options.text("database", "register"));
            boolean passed = switch (args[0]) {
                case "reclaim" -> reclaim(database, options);
                case "check" -> new ClusterCheck().check(database, options);
                default -> throw new IllegalArgumentException("unknown mode '" + args[0] + "'");
            };
            System.exit(passed ? 0 : 1);
        }
    }

    /** Owners are {@code pid@host-uuid} (MongoTokenStore). */
    private static boolean reclaim(MongoDatabase database, Options options) throws InterruptedException {
        String[] pids = options.text("pids").split(",");
        long pickAt = options.number("pick-at-ms", 0, 0, Long.MAX_VALUE);
        Thread.sleep(Math.max(0, pickAt - System.currentTimeMillis()));
        Map<String, String> owners = ownedBy(database, "");
        int doomed = ownedCount(owners, pids[1]) > ownedCount(owners, pids[0]) ? 1 : 0;
        long deadPid = Long.parseLong(pids[doomed]);
        String survivor = pids[1 - doomed] + "@";
        Set<String> segments = ownedBy(database, deadPid + "@").keySet();
        // One write: the script reads the line while this process runs, and printf writes it piece by piece.
        System.out.print(String.format(Locale.ROOT, "WATCHING dead=%d survivor=%s segments=%d%n", deadPid,
                pids[1 - doomed], segments.size()));
        while (ProcessHandle.of(deadPid).map(ProcessHandle::isAlive).orElse(false)) {
            Thread.sleep(20);
        }
        long died = System.nanoTime();
        long deadline = died + TimeUnit.SECONDS.toNanos(options.number("timeout-seconds", 1, 3600));
        while (true) {
            Map<String, String> now = ownedBy(database, "");
            // Each segment not yet the survivor's is printed with its owner's pid ("none" when free), so that a
            // failed takeover says who holds the segment instead.
            List<String> notTaken = segments.stream().filter(id -> !now.getOrDefault(id, "").startsWith(survivor))
                    .sorted().map(id -> id + "@" + now.getOrDefault(id, "none@").split("@")[0]).toList();
            double seconds = (System.nanoTime() - died) / 1e9;
            if (notTaken.isEmpty()) {
                System.out.printf(Locale.ROOT, "RECLAIM segments=%d seconds=%.1f%n", segments.size(), seconds);
                return true;
            }
            if (System.nanoTime() > deadline) {
                System.out.printf(Locale.ROOT, "RECLAIM segments=%d seconds=%.1f unclaimed=%s%n", segments.size(),
                        seconds, String.join(",", notTaken));
                return false;
            }
            Thread.sleep(100);
        }
    }

    private static long ownedCount(Map<String, String> owners, String pid) {
        return owners.values().stream().filter(owner -> owner.startsWith(pid + "@")).count();
    }

    /** Segment id to owner, of the segments whose owner starts with {@code prefix}. */
    private static Map<String, String> ownedBy(MongoDatabase database, String prefix) {
        Map<String, String> owners = new HashMap<>();
        for (Document token : database.getCollection("tracking_tokens").find()) {
            String owner = token.getString("owner");
            if (owner != null && owner.startsWith(prefix)) {
                owners.put(token.get("_id").toString(), owner);
            }
        }
        return owners;
    }

    private boolean check(MongoDatabase database, Options options) throws IOException {
        List<Ledger.Entry> ledger = Ledger.read(Path.of(options.text("ledger")));
        StoredEvents store = StoredEvents.read(database);
        long acked = ledger.stream().filter(ClusterCheck::acknowledgesAStep).count();
        long[] storedLostDuplicated = exactlyOnce(store, ledger);
        noDuplicates(store, database);
        int[] deadlines = deadlinesFiredOnce(store, LocalDate.parse(options.text("new-day")));
        String[] queryUrls = options.text("query-urls").split(",");
        String auditor = new RegisterClient(options.text("token-url")).token("cluster-auditor", "AUDITOR", null);
        int compared = queryNodesAgree(store, queryUrls, auditor);
        long reads = readLogIntact(queryUrls, auditor);
        int checkpoints = checkpointsAgree(queryUrls, auditor);
        long outside = gatewayErrorsOutside(ledger, options.text("windows", ""));
        ledger.stream().filter(e -> e.kind() == Ledger.Kind.REJECTED)
                .forEach(e -> violation("journey " + e.journey() + " " + e.step() + " refused: " + e.detail()));

        violations.forEach(v -> System.out.println("VIOLATION " + v));
        System.out.printf(Locale.ROOT, "CHECK acked=%d stored=%d duplicates=%d lost=%d unknown=%d rejected=%d"
                        + " overtaken_by_expiry=%d deadlines_due=%d deadlines_fired=%d views_compared=%d"
                        + " views_unlike_events=%d"
                        + " gateway_errors_outside_kills=%d reads_lagged=%d read_log_records=%d checkpoints=%d"
                        + " violations=%d%n", acked,
                storedLostDuplicated[0],
                storedLostDuplicated[2], storedLostDuplicated[1], count(ledger, Ledger.Kind.UNKNOWN),
                count(ledger, Ledger.Kind.REJECTED),
                count(ledger, Ledger.Kind.OVERTAKEN), deadlines[0], deadlines[1], compared, viewsUnlikeEvents.size(),
                outside,
                count(ledger, Ledger.Kind.LAGGED), reads, checkpoints, violations.size());
        return violations.isEmpty();
    }

    private static long count(List<Ledger.Entry> ledger, Ledger.Kind kind) {
        return ledger.stream().filter(e -> e.kind() == kind).count();
    }

    private static boolean acknowledgesAStep(Ledger.Entry entry) {
        return entry.kind() == Ledger.Kind.ACK && entry.journey() != ClusterLoad.NO_JOURNEY;
    }

    /**
     * Each acknowledged artisan's stored commands, in order, are exactly its acknowledged ones, plus at most the one
     * its journey gave up on (whose outcome the client never learnt); and no more artisans are stored unacknowledged
     * than registrations were given up on. Returns {stored, lost, duplicates} in commands.
     */
    long[] exactlyOnce(StoredEvents store, List<Ledger.Entry> ledger) {
        Map<String, List<Ledger.Entry>> ackedByArtisan = ledger.stream().filter(ClusterCheck::acknowledgesAStep)
                .collect(Collectors.groupingBy(Ledger.Entry::artisanId, TreeMap::new, Collectors.toList()));
        Map<Long, Step> unknownByJourney = ledger.stream().filter(e -> e.kind() == Ledger.Kind.UNKNOWN)
                .collect(Collectors.toMap(Ledger.Entry::journey, Ledger.Entry::step, (a, b) -> a));
        unackedRegistrations(store, ackedByArtisan.keySet(), ledger);
        long stored = 0;
        long lost = 0;
        long duplicates = 0;
        for (Map.Entry<String, List<Ledger.Entry>> artisan : ackedByArtisan.entrySet()) {
            List<String> expected = artisan.getValue().stream().map(e -> e.step().eventType()).toList();
            List<String> found = store.of(artisan.getKey()).stream().map(StoredEvents.Event::type)
                    .filter(Step::recordsAStep).toList();
            int matched = 0;
            while (matched < expected.size() && matched < found.size() && expected.get(matched).equals(found.get(matched))) {
                matched++;
            }
            stored += matched;
            long journey = artisan.getValue().get(0).journey();
            Step givenUp = unknownByJourney.get(journey);
            int extra = found.size() - matched;
            boolean extraIsTheUnknown = extra == 1 && matched == expected.size() && givenUp != null
                    && givenUp.eventType().equals(found.get(matched));
            if (matched < expected.size()) {
                lost += expected.size() - matched;
                violation("artisan " + artisan.getKey() + " (journey " + journey + "): acknowledged " + expected
                        + ", stored " + found);
            } else if (extra > 0 && !extraIsTheUnknown) {
                duplicates += extra;
                violation("artisan " + artisan.getKey() + " (journey " + journey + "): acknowledged " + expected
                        + ", stored " + found);
            }
        }
        return new long[] {stored, lost, duplicates};
    }

    /** An artisan stored but never acknowledged comes from a registration given up on; there can be no more of them. */
    private void unackedRegistrations(StoredEvents store, Set<String> ackedArtisans, List<Ledger.Entry> ledger) {
        long unacked = store.ofType(Step.REGISTER.eventType()).stream()
                .filter(event -> !ackedArtisans.contains(event.aggregateId())).count();
        long givenUp = ledger.stream().filter(e -> e.kind() == Ledger.Kind.UNKNOWN && e.step() == Step.REGISTER).count();
        if (unacked > givenUp) {
            violation(unacked + " artisans stored without an acknowledged registration, but only " + givenUp
                    + " registrations were given up on: a registration was applied twice");
        }
    }

    /**
     * No NIA or card number is stored twice; no CIN is held by two artisans. The CIN is sealed in the events, so it is
     * checked through {@code cin_reservations} ({@code _id} = the CIN's fingerprint, so at most one artisan per CIN):
     * every registered artisan must hold a reservation, and a second artisan with the same CIN could not.
     */
    private void noDuplicates(StoredEvents store, MongoDatabase database) {
        reportRepeats("NIA", store.ofType("ArtisanRegistered").stream().map(e -> e.payload().getString("nia")).toList());
        List<String> cards = new ArrayList<>();
        store.ofType("CardIssued").forEach(e -> cards.add(e.payload().getString("cardNumber")));
        store.ofType("CardReplaced").forEach(e -> cards.add(e.payload().getString("cardNumber")));
        reportRepeats("card number", cards);
        Map<String, Long> reservationsByArtisan = new HashMap<>();
        for (Document reservation : database.getCollection("cin_reservations").find()) {
            reservationsByArtisan.merge(reservation.getString("artisanId"), 1L, Long::sum);
        }
        for (StoredEvents.Event registered : store.ofType("ArtisanRegistered")) {
            long held = reservationsByArtisan.getOrDefault(registered.aggregateId(), 0L);
            if (held != 1) {
                violation("artisan " + registered.aggregateId() + " holds " + held + " CIN reservations: its CIN is"
                        + (held == 0 ? " held by another artisan" : " reserved twice"));
            }
        }
    }

    private void reportRepeats(String what, List<String> values) {
        values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())).forEach((value, n) -> {
            if (n > 1) {
                violation(what + " " + value + " stored " + n + " times");
            }
        });
    }

    /**
     * Every card whose last valid day ended before {@code newDay} began (the register's midnight, during the load)
     * expired exactly once, unless it was reported lost first; no other card expired. Returns {due, fired}.
     */
    int[] deadlinesFiredOnce(StoredEvents store, LocalDate newDay) {
        Map<String, Long> expiries = store.ofType("CardExpired").stream()
                .collect(Collectors.groupingBy(e -> e.payload().getString("cardNumber"), Collectors.counting()));
        Set<String> lost = store.ofType("CardReportedLost").stream().map(e -> e.payload().getString("cardNumber"))
                .collect(Collectors.toSet());
        List<StoredEvents.Event> cards = new ArrayList<>(store.ofType("CardIssued"));
        cards.addAll(store.ofType("CardReplaced"));
        int due = 0;
        for (StoredEvents.Event card : cards) {
            String number = card.payload().getString("cardNumber");
            LocalDate validUntil = LocalDate.parse(card.payload().get("validUntil").toString());
            boolean expires = validUntil.isBefore(newDay) && !lost.contains(number);
            due += expires ? 1 : 0;
            long fired = expiries.getOrDefault(number, 0L);
            if (fired != (expires ? 1 : 0)) {
                violation("card " + number + " (valid until " + validUntil + (lost.contains(number) ? ", lost" : "")
                        + ") expired " + fired + " times");
            }
        }
        return new int[] {due, expiries.values().stream().mapToInt(Long::intValue).sum()};
    }

    /**
     * The personal-data read log, appended by both query nodes at once (every clerk's read of a view in clear and the
     * auditor's reads above), still forms one unbroken chain, and both nodes verify the same one. Returns its length.
     */
    private long readLogIntact(String[] queryUrls, String auditor) throws IOException {
        List<JsonNode> verifications = new ArrayList<>();
        for (String url : queryUrls) {
            RegisterClient.Response response = new RegisterClient(url).get("/api/v1/audit/personal-data-reads/verification",
                    auditor);
            if (response.statusCode() != 200) {
                violation("the read log's verification on " + url + " answered " + response.statusCode() + ": "
                        + response.body());
                return 0;
            }
            verifications.add(RegisterClient.json(response));
        }
        for (JsonNode verification : verifications) {
            if (!verification.path("valid").asBoolean() || !verification.equals(verifications.get(0))) {
                violation("the personal-data read log's chain does not hold on both query nodes: " + verifications);
                break;
            }
        }
        return verifications.get(0).path("records").asLong();
    }

    /**
     * Each query node seals a checkpoint; both then list the register's one series of them, the same and chained.
     * Returns its length.
     */
    private int checkpointsAgree(String[] queryUrls, String auditor) throws IOException {
        for (String url : queryUrls) {
            RegisterClient.Response sealed = new RegisterClient(url).command("POST", "/api/v1/audit/checkpoints",
                    auditor, null, null);
            if (sealed.statusCode() != 201) {
                violation("sealing a checkpoint on " + url + " answered " + sealed.statusCode() + ": " + sealed.body());
                return 0;
            }
        }
        List<JsonNode> lists = new ArrayList<>();
        for (String url : queryUrls) {
            lists.add(RegisterClient.json(new RegisterClient(url).get("/api/v1/audit/checkpoints", auditor)));
        }
        JsonNode first = lists.get(0);
        if (!lists.stream().allMatch(first::equals) || !first.path("chainBreak").isNull()
                || first.path("items").size() < queryUrls.length) {
            violation("the query nodes do not list one chained series holding the checkpoint each sealed: " + lists);
        }
        return first.path("items").size();
    }

    /** Both query nodes, once each has applied the whole store, answer every artisan's view identically. */
    /**
     * Both query nodes answer each artisan's view identically, and that view equals the artisan's state folded from
     * its events ({@code ?asOf=now}, which replays the store): the nodes share one set of read models, so their
     * agreement alone would not show an event that a takeover skipped or applied twice.
     */
    private int queryNodesAgree(StoredEvents store, String[] queryUrls, String auditor) throws IOException {
        List<RegisterClient> nodes = Arrays.stream(queryUrls).map(RegisterClient::new).toList();
        int compared = 0;
        for (StoredEvents.Event registered : store.ofType("ArtisanRegistered")) {
            String view = "/api/v1/artisans/" + registered.aggregateId() + "?minPosition=" + store.head();
            List<JsonNode> answers = new ArrayList<>();
            for (RegisterClient node : nodes) {
                answers.add(readView(node, view, auditor));
            }
            answers.add(readView(nodes.get(0), "/api/v1/artisans/" + registered.aggregateId() + "?asOf="
                    + Instant.now(), auditor));
            if (answers.contains(null)) {
                return compared;
            }
            if (!answers.get(1).equals(answers.get(0))) {
                violation("the query nodes disagree on " + registered.aggregateId() + ": " + answers);
            } else if (!answers.get(2).equals(answers.get(0))) {
                // Both nodes read one set of read models, so only the events can show a view that left one out (as
                // views did before a stream's commits were kept in position order across command nodes).
                viewsUnlikeEvents.add(registered.aggregateId());
                violation("the view of " + registered.aggregateId() + " is unlike its folded events (view, folded): "
                        + answers.get(0) + " " + answers.get(2));
            }
            compared++;
        }
        return compared;
    }

    /** The artisan as the node answers it, without the instant an as-of read names; null (and a violation) if not 200. */
    private JsonNode readView(RegisterClient node, String path, String auditor) throws IOException {
        RegisterClient.Response response = node.get(path, auditor);
        if (response.statusCode() != 200) {
            violation("GET " + path + " on a query node answered " + response.statusCode() + ": " + response.body());
            return null;
        }
        ObjectNode view = (ObjectNode) RegisterClient.json(response);
        view.remove("asOf");
        return view;
    }

    /** Connection errors and 5xx at the gateway outside the windows given (each from a kill until shortly after the restarted node is ready). */
    private long gatewayErrorsOutside(List<Ledger.Entry> ledger, String windows) {
        List<long[]> spans = Arrays.stream(windows.split(",")).filter(w -> !w.isBlank())
                .map(w -> Arrays.stream(w.split("-")).mapToLong(Long::parseLong).toArray()).toList();
        List<Ledger.Entry> outside = ledger.stream().filter(e -> e.kind() == Ledger.Kind.FAIL)
                .filter(e -> spans.stream().noneMatch(s -> e.epochMillis() >= s[0] && e.epochMillis() <= s[1]))
                .toList();
        outside.stream().limit(10).forEach(e -> violation("gateway error outside the kill windows at " + e.epochMillis()
                + ": " + e.step() + " " + e.detail()));
        return outside.size();
    }

    private void violation(String what) {
        violations.add(what);
    }

    List<String> violations() {
        return List.copyOf(violations);
    }
}
