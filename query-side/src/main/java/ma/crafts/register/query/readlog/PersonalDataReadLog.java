package ma.crafts.register.query.readlog;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.query.readlog.mongo.ReadLogRecords;
import ma.crafts.register.query.readlog.mongo.ReadLogRecords.Head;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only log of responses that show personal data in clear (Law 09-08: who saw whose data). Each read costs
 * one insert and no read: the chain's head is kept here, under a lock, and only looked up again after another process
 * took the next sequence. A read that cannot be logged is not served.
 */
public class PersonalDataReadLog {

    /** The header a response that was logged carries, so a reader can quote the trace id the auditor sees. */
    public static final String TRACE_ID_HEADER = "X-Trace-Id";
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Pattern REQUEST_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private final ReadLogRecords records;
    private final CurrentActor actor;
    private final Clock clock;
    private Head head;

    public PersonalDataReadLog(ReadLogRecords records, CurrentActor actor, Clock clock) {
        this.records = records;
        this.actor = actor;
        this.clock = clock;
    }

    /**
     * Records that the current request shows {@code fields} of {@code actorId}'s personal data in clear; nothing when
     * it shows none.
     *
     * @throws PersonalDataReadNotLoggedException when the record cannot be written: the caller must not answer
     */
    public void record(String actorId, Collection<String> fields) {
        if (fields.isEmpty()) {
            return;
        }
        HttpServletRequest request = currentRequest();
        String traceId = traceId(request);
        List<String> roles = actor.roles().stream().map(Enum::name).sorted().toList();
        String requestLine = request == null ? null : request.getMethod() + " " + request.getRequestURI();
        Instant readAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            append(sequence -> new PersonalDataRead(sequence.sequence() + 1, readAt, actor.subject(), roles, actorId,
                    List.copyOf(fields), traceId, requestLine, sequence.hash(), null));
        } catch (RuntimeException e) {
            throw new PersonalDataReadNotLoggedException(actorId, e);
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            attributes.getResponse().setHeader(TRACE_ID_HEADER, traceId);
        }
    }

    private synchronized void append(Function<Head, PersonalDataRead> after) {
        if (head == null) {
            head = records.head();
        }
        while (true) {
            PersonalDataRead read = withHash(after.apply(head));
            if (records.insert(read)) {
                head = new Head(read.sequence(), read.hash());
                return;
            }
            head = records.headFrom(read.sequence());
        }
    }

    /** One page of the log, newest first. */
    public PersonalDataReadPage page(String actorId, String subject, Instant from, Instant to, int page, int size) {
        ReadLogRecords.Page found = records.page(actorId, subject, from, to, page, size);
        return new PersonalDataReadPage(found.items(), page, size, found.total());
    }

    /** The sequence of the log's last record, 0 while it is empty. */
    public long lastSequence() {
        return records.head().sequence();
    }

    /** Walks the whole log and reports the first record whose link to the one before, or whose own hash, fails. */
    public ReadLogVerification verify() {
        return verifyUpTo(Long.MAX_VALUE);
    }

    /**
     * Whether the log still holds what a checkpoint sealed: its records up to {@code sealedSequence}, chained, the last
     * with {@code sealedHash}. A record at or below it removed or altered breaks the chain there, or, when it was the
     * last or everything after it was hashed again, leaves another hash at the sealed sequence; both are reported at
     * the first sequence that no longer holds. Records after it are not looked at.
     */
    public ReadLogVerification verifyAgainst(long sealedSequence, String sealedHash) {
        ReadLogVerification upToSeal = verifyUpTo(sealedSequence);
        if (upToSeal.valid() && (upToSeal.records() < sealedSequence || !upToSeal.headHash().equals(sealedHash))) {
            return new ReadLogVerification(false, upToSeal.records(), upToSeal.headHash(),
                    Math.min(upToSeal.records() + 1, sealedSequence));
        }
        return upToSeal;
    }

    private ReadLogVerification verifyUpTo(long lastSequence) {
        long[] count = {0};
        String[] previous = {ReadLogChain.GENESIS};
        Long[] broken = {null};
        records.forEach(read -> {
            if (count[0] >= lastSequence) {
                return;
            }
            count[0]++;
            boolean linked = read.sequence() == count[0] && previous[0].equals(read.previousHash());
            if (broken[0] == null && (!linked || !ReadLogChain.hash(read).equals(read.hash()))) {
                broken[0] = read.sequence();
            }
            previous[0] = read.hash();
        });
        return new ReadLogVerification(broken[0] == null, count[0], previous[0], broken[0]);
    }

    private static PersonalDataRead withHash(PersonalDataRead r) {
        return new PersonalDataRead(r.sequence(), r.readAt(), r.subject(), r.roles(), r.actorId(), r.fields(),
                r.traceId(), r.request(), r.previousHash(), ReadLogChain.hash(r));
    }

    private static HttpServletRequest currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }

    /** The W3C trace context's trace id, else the caller's X-Request-Id, else a fresh one. */
    private static String traceId(HttpServletRequest request) {
        if (request != null) {
            String traceparent = request.getHeader("traceparent");
            Matcher matcher = traceparent == null ? null : TRACEPARENT.matcher(traceparent.trim());
            if (matcher != null && matcher.matches()) {
                return matcher.group(1);
            }
            String requestId = request.getHeader("X-Request-Id");
            if (requestId != null && REQUEST_ID.matcher(requestId).matches()) {
                return requestId;
            }
        }
        return UUID.randomUUID().toString().replace("-", "");
    }
}
