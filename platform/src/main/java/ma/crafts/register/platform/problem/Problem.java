package ma.crafts.register.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;

/**
 * An RFC 9457 problem before it is rendered: the fixed members, the validation {@code errors}, any extra members
 * (such as {@code rule}) and response headers (such as {@code Allow} or {@code Retry-After}). {@code instance} is
 * added when rendering, from the request path.
 */
public record Problem(int status, String type, String title, String detail, List<FieldError> errors,
                      Map<String, Object> extensions, HttpHeaders headers) {

    public static final String VALIDATION = "/problems/validation";
    public static final String UNAUTHENTICATED = "/problems/unauthenticated";
    public static final String FORBIDDEN = "/problems/forbidden";
    public static final String NOT_FOUND = "/problems/not-found";
    public static final String METHOD_NOT_ALLOWED = "/problems/method-not-allowed";
    public static final String NOT_ACCEPTABLE = "/problems/not-acceptable";
    public static final String DUPLICATE_CIN = "/problems/duplicate-cin";
    public static final String RULE_VIOLATION = "/problems/rule-violation";
    public static final String CONCURRENCY = "/problems/concurrency";
    public static final String PAYLOAD_TOO_LARGE = "/problems/payload-too-large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "/problems/unsupported-media-type";
    public static final String IDEMPOTENCY_MISMATCH = "/problems/idempotency-mismatch";
    public static final String TOO_MANY_REQUESTS = "/problems/too-many-requests";
    public static final String SERVICE_UNAVAILABLE = "/problems/service-unavailable";
    public static final String INTERNAL = "/problems/internal";

    /** One rejected input: {@code field} is a JSON path such as {@code firstName.ar}, a parameter or a header name. */
    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        HttpHeaders copy = new HttpHeaders();
        if (headers != null) {
            copy.addAll(headers);
        }
        headers = HttpHeaders.readOnlyHttpHeaders(copy);
    }

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(status, type, title, detail, List.of(), Map.of(), null);
    }

    public static Problem validation(String detail, List<FieldError> errors) {
        return new Problem(400, VALIDATION, "Invalid request", detail, errors, Map.of(), null);
    }

    public static Problem validation(String field, String message) {
        return validation(field + ": " + message, List.of(new FieldError(field, message)));
    }

    public static Problem unauthenticated(String detail) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return new Problem(401, UNAUTHENTICATED, "Authentication required", detail, List.of(), Map.of(), headers);
    }

    public static Problem forbidden(String detail) {
        return of(403, FORBIDDEN, "Forbidden", detail);
    }

    public static Problem notFound(String detail) {
        return of(404, NOT_FOUND, "Not found", detail);
    }

    public static Problem concurrency(String detail) {
        return of(409, CONCURRENCY, "Concurrent modification", detail);
    }

    public static Problem payloadTooLarge(long maxBytes) {
        return of(413, PAYLOAD_TOO_LARGE, "Payload too large",
                "The request body exceeds the limit of " + maxBytes + " bytes");
    }

    public static Problem idempotencyMismatch(String detail) {
        return of(422, IDEMPOTENCY_MISMATCH, "Idempotency key reused", detail);
    }

    public static Problem internal(String reference) {
        return of(500, INTERNAL, "Internal error",
                "An unexpected error occurred; quote reference " + reference + " when reporting it");
    }

    public Problem withHeader(String name, String value) {
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(headers);
        copy.set(name, value);
        return new Problem(status, type, title, detail, errors, extensions, copy);
    }

    public Problem withExtension(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(extensions);
        copy.put(name, value);
        return new Problem(status, type, title, detail, errors, copy, headers);
    }

    /**
     * The JSON members in their conventional order; {@code errors} only when there are some, {@code instance} only when
     * the request target is known (Tomcat may refuse a request line it could not read).
     */
    public Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        extensions.forEach(body::putIfAbsent);
        return body;
    }
}
