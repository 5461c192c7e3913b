package ma.crafts.register.platform.problem;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import ma.crafts.register.errors.DuplicateCinException;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.AuthenticationException;
import org.springframework.util.StringUtils;
import org.springframework.validation.BindException;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place that decides which problem an exception becomes. Exceptions arrive wrapped in many ways (Axon's
 * {@code CommandExecutionException}, futures, reflection, servlet exceptions), so the whole cause chain is searched and
 * the first recognised exception wins; anything unrecognised is a 500 that tells the client nothing but a reference.
 */
public class ProblemMapper {
    /** How Jackson's STRICT_DUPLICATE_DETECTION words its rejection; it has no exception type of its own. */
    private static final String DUPLICATE_FIELD = "Duplicate field";
    private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);
    /** The server's (and the driver's) mark on an error that a retry of the same write may clear; the driver names no constant. */
    private static final String RETRYABLE_WRITE_ERROR = "RetryableWriteError";

    public Problem map(Throwable thrown) {
        List<Throwable> chain = causeChain(thrown);
        for (Throwable t : chain) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return Problem.payloadTooLarge(tooLarge.maxBytes());
            }
        }
        for (Throwable t : chain) {
            Problem problem = mapKnown(t);
            if (problem != null) {
                if (problem.status() >= 500) {
                    log.warn("Request failed with {}: {}", problem.status(), t.toString());
                } else if (log.isDebugEnabled()) {
                    log.debug("Request rejected with {} {}: {}", problem.status(), problem.type(), t.toString());
                }
                return problem;
            }
        }
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error, reference {}", reference, thrown);
        return Problem.internal(reference);
    }

    /** Outermost first; stops at cycles. Wrappers whose only job is to carry a cause are skipped over naturally. */
    static List<Throwable> causeChain(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t); t = next(t)) {
            chain.add(t);
        }
        return chain;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof InvocationTargetException ite) {
            return ite.getTargetException();
        }
        if (t instanceof UndeclaredThrowableException ute) {
            return ute.getUndeclaredThrowable();
        }
        if (t instanceof HandlerExecutionException hee && hee.getCause() == null) {
            // A remote handler's failure arrives with details instead of a cause; its message is all there is.
            return null;
        }
        return t.getCause();
    }

    private Problem mapKnown(Throwable t) {
        // Register errors first: they are what command and query handlers throw.
        if (t instanceof InvalidInputException e) {
            return Problem.validation(e.getMessage(), e.problems().stream()
                    .map(p -> new Problem.FieldError(p.field(), p.message())).toList());
        }
        if (t instanceof ForbiddenException e) {
            return Problem.forbidden(e.getMessage());
        }
        if (t instanceof NotFoundException e) {
            return Problem.notFound(e.getMessage());
        }
        if (t instanceof DuplicateCinException e) {
            return Problem.of(409, Problem.DUPLICATE_CIN, "Duplicate CIN", e.getMessage());
        }
        if (t instanceof RuleViolationException e) {
            String detail = e.getMessage() == null || e.getMessage().isBlank()
                    ? "Rule " + e.rule() + " forbids this" : e.getMessage() + " (rule " + e.rule() + ")";
            return Problem.of(409, Problem.RULE_VIOLATION, "Rule violation", detail).withExtension("rule", e.rule());
        }
        // Axon
        if (t instanceof AggregateNotFoundException) {
            return Problem.notFound("Nothing is registered under " + ((AggregateNotFoundException) t).getAggregateIdentifier());
        }
        // Creating a stream that exists is Axon's concurrency failure for a first event; it is no ConcurrencyException.
        if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
            return Problem.concurrency("The resource was changed by a concurrent request; read it again and retry");
        }
        // Security
        if (t instanceof AuthenticationException) {
            return Problem.unauthenticated("A valid bearer token is required");
        }
        if (t instanceof AccessDeniedException) {
            // Method security denies anonymous callers too; for them the missing token is the problem.
            return isAuthenticated() ? Problem.forbidden("Your role does not allow this request")
                    : Problem.unauthenticated("A valid bearer token is required");
        }
        // Spring MVC and Jackson
        if (t instanceof BindException e) {
            return Problem.validation("The request has invalid fields", fieldErrors(e.getAllErrors()));
        }
        if (t instanceof HandlerMethodValidationException e) {
            List<Problem.FieldError> errors = new ArrayList<>();
            e.getParameterValidationResults().forEach(result -> {
                String name = result.getMethodParameter().getParameterName();
                String field = result.getContainerIndex() != null ? name + "[" + result.getContainerIndex() + "]"
                        : result.getContainerKey() != null ? name + "[" + result.getContainerKey() + "]" : name;
                result.getResolvableErrors().forEach(err -> errors.add(new Problem.FieldError(field, err.getDefaultMessage())));
            });
            return Problem.validation("The request has invalid parameters", errors);
        }
        if (t instanceof ConstraintViolationException e) {
            List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(clientPath(v), v.getMessage()))
                    .sorted((a, b) -> a.field().compareTo(b.field()))
                    .toList();
            return Problem.validation("The request has invalid fields", errors);
        }
        if (t instanceof HttpMessageNotReadableException e) {
            return unreadable(e);
        }
        if (t instanceof MethodArgumentTypeMismatchException e) {
            String expected = e.getRequiredType() == null ? "" : " (expected " + describeType(e.getRequiredType()) + ")";
            // Parameters are identifiers, codes, numbers and dates, never personal data (that travels in bodies).
            return Problem.validation(e.getName(), "invalid value '" + e.getValue() + "'" + expected);
        }
        if (t instanceof MissingServletRequestParameterException e) {
            return Problem.validation(e.getParameterName(), "is required");
        }
        if (t instanceof MissingRequestHeaderException e) {
            return Problem.validation(e.getHeaderName(), "header is required");
        }
        if (t instanceof ServletRequestBindingException e) {
            return Problem.validation("The request is missing required parts: " + e.getMessage(), List.of());
        }
        if (t instanceof HttpMediaTypeNotSupportedException e) {
            String supported = e.getSupportedMediaTypes().isEmpty() ? "application/json"
                    : e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", "));
            Problem problem = Problem.of(415, Problem.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Content type '" + (e.getContentType() == null ? "none" : e.getContentType())
                            + "' is not supported; send " + supported);
            return problem.withHeader(HttpHeaders.ACCEPT, supported);
        }
        if (t instanceof HttpMediaTypeNotAcceptableException) {
            return Problem.of(406, Problem.NOT_ACCEPTABLE, "Not acceptable",
                    "This resource is available as application/json only");
        }
        if (t instanceof HttpRequestMethodNotSupportedException e) {
            Problem problem = Problem.of(405, Problem.METHOD_NOT_ALLOWED, "Method not allowed",
                    "Method " + e.getMethod() + " is not supported here");
            return e.getSupportedMethods() == null ? problem
                    : problem.withHeader(HttpHeaders.ALLOW, String.join(", ", e.getSupportedMethods()));
        }
        if (t instanceof NoHandlerFoundException || t instanceof NoResourceFoundException) {
            return Problem.notFound("No resource at this path");
        }
        if (t instanceof MaxUploadSizeExceededException e) {
            return Problem.payloadTooLarge(e.getMaxUploadSize());
        }
        // MongoDB away or not answering: the driver gave up within its timeouts, and a retry may well succeed.
        if (t instanceof MongoTimeoutException || t instanceof MongoSocketException
                || t instanceof MongoServerUnavailableException) {
            return Problem.of(503, Problem.SERVICE_UNAVAILABLE, "Service unavailable",
                    "The register's database is not reachable; retry later").withHeader(HttpHeaders.RETRY_AFTER, "5");
        }
        if (isFailover(t)) {
            return Problem.of(503, Problem.SERVICE_UNAVAILABLE, "Service unavailable",
                    "The register's database is electing a new primary; retry later").withHeader(HttpHeaders.RETRY_AFTER, "5");
        }
        if (t instanceof AsyncRequestTimeoutException) {
            return Problem.of(503, Problem.SERVICE_UNAVAILABLE, "Service unavailable",
                    "The request took too long; retry later").withHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        if (t instanceof ErrorResponse e) {
            return fromErrorResponse(e);
        }
        return null;
    }

    /**
     * A replica set between primaries, once the driver's one retry of the write failed as well: the write may or may not
     * have been kept, and a retry with the same Idempotency-Key after the election is the way out (GUARANTEES.md,
     * "Which guarantee depends on which setting").
     */
    private static boolean isFailover(Throwable t) {
        return t instanceof MongoNotPrimaryException || t instanceof MongoNodeIsRecoveringException
                || t instanceof MongoWriteConcernException
                || t instanceof MongoBulkWriteException bulk && bulk.getWriteConcernError() != null
                || t instanceof MongoException mongo && mongo.hasErrorLabel(RETRYABLE_WRITE_ERROR);
    }

    private static boolean isAuthenticated() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }

    private static Problem fromErrorResponse(ErrorResponse e) {
        HttpStatusCode status = e.getStatusCode();
        String detail = e.getBody().getDetail();
        if (!StringUtils.hasText(detail)) {
            HttpStatus known = HttpStatus.resolve(status.value());
            detail = known == null ? "Request failed" : known.getReasonPhrase();
        }
        Problem problem = forStatus(status.value(), detail);
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(problem.headers());
        headers.addAll(e.getHeaders());
        return new Problem(problem.status(), problem.type(), problem.title(), problem.detail(), problem.errors(),
                problem.extensions(), headers);
    }

    /** A problem for a bare status code, used where only the status is known (error dispatch, ErrorResponse). */
    public static Problem forStatus(int status, String detail) {
        return switch (status) {
            case 400 -> Problem.validation(detail, List.of());
            case 401 -> Problem.unauthenticated(detail);
            case 403 -> Problem.forbidden(detail);
            case 404 -> Problem.notFound(detail);
            case 405 -> Problem.of(405, Problem.METHOD_NOT_ALLOWED, "Method not allowed", detail);
            case 406 -> Problem.of(406, Problem.NOT_ACCEPTABLE, "Not acceptable", detail);
            case 409 -> Problem.concurrency(detail);
            case 413 -> Problem.of(413, Problem.PAYLOAD_TOO_LARGE, "Payload too large", detail);
            case 415 -> Problem.of(415, Problem.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", detail);
            case 503 -> Problem.of(503, Problem.SERVICE_UNAVAILABLE, "Service unavailable", detail);
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                String title = known == null ? "Error " + status : known.getReasonPhrase();
                String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
                yield Problem.of(status, status >= 500 ? Problem.INTERNAL : "/problems/" + slug, title, detail);
            }
        };
    }

    private static Problem unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ValueInstantiationException vie) {
            String field = jsonPath(vie);
            Throwable reason = vie.getCause() != null ? vie.getCause() : vie;
            String message = reason.getMessage() == null ? "invalid value" : reason.getMessage();
            return Problem.validation(field.isEmpty() ? "The request body is invalid: " + message : field + ": " + message,
                    List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, message)));
        }
        if (cause instanceof InvalidFormatException ife) {
            // The rejected value is not repeated: it may be a birth date, a CIN or a name, and problems end up in logs,
            // browser consoles and support tickets.
            return Problem.validation(jsonPath(ife), "invalid value" + expectation(ife.getTargetType()));
        }
        if (cause instanceof PropertyBindingException pbe) {
            // Only reached when a module turns FAIL_ON_UNKNOWN_PROPERTIES on for its mapper.
            String field = jsonPath(pbe);
            return Problem.validation(field.isEmpty() ? pbe.getPropertyName() : field, "is not a known field");
        }
        if (cause instanceof MismatchedInputException mie) {
            String field = jsonPath(mie);
            String message = mie.getTargetType() == null ? "has the wrong JSON type"
                    : "has the wrong JSON type" + expectation(mie.getTargetType());
            return field.isEmpty() ? Problem.validation("The request body has the wrong JSON shape", List.of())
                    : Problem.validation(field, message);
        }
        if (cause instanceof StreamReadException sre && sre.getMessage() != null
                && sre.getMessage().startsWith(DUPLICATE_FIELD) && sre.getProcessor() != null) {
            // STRICT_DUPLICATE_DETECTION: which of two values a duplicated key means is anyone's guess, so neither.
            JsonStreamContext context = sre.getProcessor().getParsingContext();
            String field = context == null ? null : context.getCurrentName();
            return Problem.validation(field == null ? "body" : field, "appears more than once in the JSON object");
        }
        if (cause instanceof JsonProcessingException jpe) {
            String where = jpe.getLocation() == null ? ""
                    : " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr();
            return Problem.validation("The request body is not valid JSON" + where, List.of());
        }
        return Problem.validation("The request body is missing or unreadable", List.of());
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expectation(Class<?> type) {
        return type == null ? "" : " (expected " + describeType(type) + ")";
    }

    private static String describeType(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        return switch (type.getName()) {
            case "java.time.LocalDate" -> "a date YYYY-MM-DD";
            case "java.time.Instant", "java.time.OffsetDateTime" -> "an ISO-8601 instant";
            case "java.util.UUID" -> "a UUID";
            case "int", "long", "short", "java.lang.Integer", "java.lang.Long", "java.lang.Short" -> "an integer";
            case "double", "float", "java.lang.Double", "java.lang.Float", "java.math.BigDecimal" -> "a number";
            case "boolean", "java.lang.Boolean" -> "true or false";
            case "java.lang.String" -> "a string";
            default -> "a " + type.getSimpleName();
        };
    }

    private static List<Problem.FieldError> fieldErrors(List<ObjectError> errors) {
        return errors.stream()
                .map(err -> err instanceof org.springframework.validation.FieldError fe
                        ? new Problem.FieldError(fe.getField(), fe.getDefaultMessage())
                        : new Problem.FieldError(err.getObjectName(), err.getDefaultMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
    }

    /**
     * The part of a violation's path a client can relate to: a method-validation path such as
     * {@code register.request.firstName.ar} becomes {@code firstName.ar}, and a constrained parameter keeps its name.
     */
    private static String clientPath(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            ElementKind kind = node.getKind();
            boolean lastNode = i == nodes.size() - 1;
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.CROSS_PARAMETER || kind == ElementKind.PARAMETER && !lastNode) {
                continue;
            }
            // Bean Validation puts an element's index on the node that follows the container: roles[0].<list element>.
            if (node.isInIterable() && !path.isEmpty()) {
                path.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(node.getName());
            }
        }
        return path.isEmpty() ? violation.getPropertyPath().toString() : path.toString();
    }
}
