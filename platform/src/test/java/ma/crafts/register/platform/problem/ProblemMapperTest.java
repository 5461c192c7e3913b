package ma.crafts.register.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.server.ResponseStatusException;

class ProblemMapperTest {
    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void findsTheRegisterErrorUnderAnyWrapping() {
        Throwable nested = new CompletionException(new ExecutionException(new UndeclaredThrowableException(
                new InvocationTargetException(new CommandExecutionException("failed",
                        new RuleViolationException("body-branch-mismatch", "The body is of another branch"))))));
        Problem problem = mapper.map(nested);
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.type()).isEqualTo(Problem.RULE_VIOLATION);
        assertThat(problem.extensions()).containsEntry("rule", "body-branch-mismatch");
    }

    @Test
    void outermostRecognisedExceptionWins() {
        Problem problem = mapper.map(new NotFoundException("no card C-1"));
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.detail()).isEqualTo("no card C-1");
        assertThat(mapper.map(new IllegalStateException("wrapper", new ConcurrencyException("conflict"))).status())
                .isEqualTo(409);
    }

    @Test
    void remoteHandlerFailureWithoutCauseIsAnInternalError() {
        Problem problem = mapper.map(new CommandExecutionException("remote failure", null, "details"));
        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).doesNotContain("remote failure");
    }

    @Test
    void oversizedBodyInsideAReadFailureIs413() {
        HttpMessageNotReadableException unreadable = new HttpMessageNotReadableException("I/O error",
                new PayloadTooLargeException(65536), new MockHttpInputMessage(new byte[0]));
        Problem problem = mapper.map(unreadable);
        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.type()).isEqualTo(Problem.PAYLOAD_TOO_LARGE);
        assertThat(problem.detail()).contains("65536");
    }

    @Test
    void aFailoverTheDriverCouldNotRetryAwayIs503WithRetryAfter() {
        MongoNotPrimaryException notPrimary = new MongoNotPrimaryException(
                new BsonDocument("code", new BsonInt32(10107)), new ServerAddress());
        MongoBulkWriteException unconfirmed = new MongoBulkWriteException(BulkWriteResult.acknowledged(1, 0, 0, 0,
                List.of(), List.of()), List.of(), new WriteConcernError(11602, "InterruptedDueToReplStateChange",
                "the primary stepped down", new BsonDocument()), new ServerAddress(), Set.of());
        MongoCommandException labelled = new MongoCommandException(new BsonDocument("code", new BsonInt32(189)),
                new ServerAddress());
        labelled.addLabel("RetryableWriteError");
        for (Throwable failover : List.of(notPrimary, new IllegalStateException("Appending events failed", unconfirmed), labelled)) {
            Problem problem = mapper.map(failover);
            assertThat(problem.status()).as(failover.toString()).isEqualTo(503);
            assertThat(problem.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        }
        // Any other refusal by the server stays what it was: an unexpected error.
        assertThat(mapper.map(new MongoCommandException(new BsonDocument("code", new BsonInt32(2)),
                new ServerAddress())).status()).isEqualTo(500);
    }

    @Test
    void responseStatusExceptionsKeepStatusAndHeaders() {
        ResponseStatusException unavailable = new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "view not caught up") {
            @Override
            public HttpHeaders getHeaders() {
                HttpHeaders headers = new HttpHeaders();
                headers.set(HttpHeaders.RETRY_AFTER, "1");
                return headers;
            }
        };
        Problem problem = mapper.map(unavailable);
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.type()).isEqualTo(Problem.SERVICE_UNAVAILABLE);
        assertThat(problem.detail()).isEqualTo("view not caught up");
        assertThat(problem.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    }

    @Test
    void bodyKeepsMemberOrderAndExtensions() {
        Problem problem = Problem.of(409, Problem.RULE_VIOLATION, "Rule violation", "no").withExtension("rule", "r");
        assertThat(problem.body("/api/v1/x").keySet()).containsExactly("type", "title", "status", "detail", "instance", "rule");
    }

    @Test
    void deniedAccessIs401ForAnonymousCallersAnd403ForOthers() {
        try {
            SecurityContextHolder.clearContext();
            assertThat(mapper.map(new AccessDeniedException("denied")).status()).isEqualTo(401);
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    "clerk", null, List.of(new SimpleGrantedAuthority("ROLE_CHAMBER_CLERK"))));
            assertThat(mapper.map(new AccessDeniedException("denied")).status()).isEqualTo(403);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
