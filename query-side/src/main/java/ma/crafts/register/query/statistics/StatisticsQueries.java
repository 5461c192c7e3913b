package ma.crafts.register.query.statistics;

import ma.crafts.register.query.CountGroup;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.RegisterCalendar;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.values.ArtisanStatus;

/**
 * The statistics reads: who may read which region, the request's parameters checked, and the counts. Ministry
 * analysts, auditors and registry administrators read the whole country; a chamber clerk reads its own region, which
 * is also what it gets when it names none (as for a search), and a 403 for another region or another region's
 * province. Days are UTC days, as the contract says.
 */
public class StatisticsQueries {

    public static final String AS_OF = "asOf";
    public static final String MEASURE = "measure";
    public static final String INTERVAL = "interval";
    public static final String FROM = "from";
    public static final String TO = "to";

    private static final int MAX_DAYS = 1_830;
    private static final int MAX_MONTHS = 600;

    private final ActorCounting actors;
    private final EligibleCounting eligible;
    private final FlowCounting flows;
    private final ReferenceCatalog catalog;
    private final CodeLookups codes;
    private final ReadAccess access;
    private final RegisterCalendar calendar;

    public StatisticsQueries(ActorCounting actors, EligibleCounting eligible, FlowCounting flows,
                             ReferenceCatalog catalog, ReadAccess access, RegisterCalendar calendar) {
        this.actors = actors;
        this.eligible = eligible;
        this.flows = flows;
        this.catalog = catalog;
        this.codes = new CodeLookups(catalog);
        this.access = access;
        this.calendar = calendar;
    }

    /** {@code GET /api/v1/statistics/actors}. */
    public ActorStatistics actors(Map<String, String> parameters) {
        StatisticsRequest request = confined(StatisticsRequest.parse(parameters, Set.of(AS_OF), catalog));
        LocalDate today = today();
        LocalDate day = today;
        String asOf = parameters.get(AS_OF);
        boolean eligibility = request.dimensions().contains(Dimension.ELIGIBLE_FOR);
        if (asOf != null && !asOf.isBlank()) {
            if (eligibility) {
                throw new InvalidInputException(AS_OF, "eligibleFor is counted for today only");
            }
            day = date(AS_OF, asOf.trim());
            if (day.isAfter(today)) {
                throw new InvalidInputException(AS_OF, "must be today or a past day");
            }
        }
        return eligibility ? eligible.count(request) : actors.count(request, day, today);
    }

    /** {@code GET /api/v1/statistics/flows}. */
    public FlowStatistics flows(Map<String, String> parameters) {
        StatisticsRequest request = confined(StatisticsRequest.parse(parameters,
                Set.of(MEASURE, INTERVAL, FROM, TO), catalog));
        String rawMeasure = parameters.get(MEASURE);
        FlowMeasure measure = FlowMeasure.named(rawMeasure == null ? "" : rawMeasure.trim())
                .orElseThrow(() -> new InvalidInputException(MEASURE, "must be one of registrations, strikeOffs, "
                        + "suspensions, relocations, cardsIssued, cardsRenewed, cardsExpired, membershipsStarted, "
                        + "membershipsEnded"));
        String rawInterval = parameters.getOrDefault(INTERVAL, "month").trim().toUpperCase(Locale.ROOT);
        FlowCounting.Interval interval;
        try {
            interval = FlowCounting.Interval.valueOf(rawInterval);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(INTERVAL, "must be day or month");
        }
        LocalDate to = bound(TO, parameters.get(TO), today(), false);
        LocalDate from = bound(FROM, parameters.get(FROM), interval == FlowCounting.Interval.DAY
                ? to.minusDays(29) : YearMonth.from(to).minusMonths(11).atDay(1), true);
        if (from.isAfter(to)) {
            throw new InvalidInputException(FROM, "must not be after to");
        }
        if (interval == FlowCounting.Interval.DAY && ChronoUnit.DAYS.between(from, to) >= MAX_DAYS
                || ChronoUnit.MONTHS.between(YearMonth.from(from), YearMonth.from(to)) >= MAX_MONTHS) {
            throw new InvalidInputException(FROM, "a series holds at most " + MAX_DAYS + " days or " + MAX_MONTHS
                    + " months");
        }
        return flows.series(measure, interval, from, to, request);
    }

    /**
     * The open data: actors in the register (not struck off) by region, branch and gender, for everyone. Counts
     * below {@code threshold} are left for the caller to suppress.
     */
    public List<CountGroup> openData() {
        StatisticsRequest request = new StatisticsRequest(List.of(Dimension.REGION, Dimension.BRANCH, Dimension.GENDER,
                Dimension.STATUS), Map.of());
        LocalDate today = today();
        Map<Map<String, String>, Long> merged = new LinkedHashMap<>();
        for (CountGroup group : actors.count(request, today, today).groups()) {
            if (ArtisanStatus.STRUCK_OFF.name().equals(group.key().get(Dimension.STATUS.apiName()))) {
                continue;
            }
            Map<String, String> key = new LinkedHashMap<>(group.key());
            key.remove(Dimension.STATUS.apiName());
            merged.merge(key, group.count(), Long::sum);
        }
        List<CountGroup> groups = new ArrayList<>();
        merged.forEach((key, count) -> groups.add(new CountGroup(key, count)));
        return groups;
    }

    private StatisticsRequest confined(StatisticsRequest request) {
        String requested = request.filter(Dimension.REGION);
        String region = access.statisticsRegion(requested);
        if (Objects.equals(region, requested)) {
            return request;
        }
        String province = request.filter(Dimension.PROVINCE);
        if (province != null && !codes.regionOf(province).equals(region)) {
            throw new ForbiddenException("A clerk of " + region + " cannot read the statistics of province " + province);
        }
        return request.withRegion(region);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(calendar.now(), ZoneOffset.UTC);
    }

    /** A day, or a month ({@code YYYY-MM}) standing for its first or last day. */
    private static LocalDate bound(String field, String raw, LocalDate fallback, boolean start) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        String text = raw.trim();
        if (text.length() == 7) {
            try {
                YearMonth month = YearMonth.parse(text);
                return start ? month.atDay(1) : month.atEndOfMonth();
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(field, "must be a day YYYY-MM-DD or a month YYYY-MM");
            }
        }
        return date(field, text);
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a day YYYY-MM-DD");
        }
    }
}
