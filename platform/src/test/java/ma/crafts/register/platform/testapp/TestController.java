package ma.crafts.register.platform.testapp;

import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import ma.crafts.register.errors.DuplicateCinException;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.platform.security.Role;
import ma.crafts.register.values.Gender;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
public class TestController {
    private final CurrentActor actor;
    private final AccessPolicy policy;
    private final AtomicInteger counted;
    private final AtomicInteger failing;
    private final AtomicInteger async;
    private final AtomicInteger deleted;
    private final AtomicInteger contended;

    public TestController(CurrentActor actor, AccessPolicy policy, Counters counters) {
        this.actor = actor;
        this.policy = policy;
        this.counted = counters.counted;
        this.failing = counters.failing;
        this.async = counters.async;
        this.deleted = counters.deleted;
        this.contended = counters.contended;
    }

    public record Person(@NotBlank String cin, @NotNull @Valid Name firstName, @NotNull LocalDate birthDate,
                         Gender gender, @Min(3) Integer yearsOfPractice) {
    }

    public record Name(@NotBlank String ar, @NotBlank String fr) {
    }

    @GetMapping("/api/v1/test/whoami")
    public Map<String, Object> whoami() {
        return Map.of("subject", actor.subject(), "roles", actor.roles(), "region", String.valueOf(actor.region()),
                "chamber", actor.chamber(), "personalData", policy.canSeePersonalData());
    }

    @GetMapping("/api/v1/test/auditor-only")
    public Map<String, String> auditorOnly() {
        policy.requireAnyRole(Role.AUDITOR);
        return Map.of("ok", "yes");
    }

    @GetMapping("/api/v1/test/admin-only")
    @PreAuthorize("hasRole('REGISTRY_ADMIN')")
    public Map<String, String> adminOnly() {
        return Map.of("ok", "yes");
    }

    @PostMapping("/api/v1/test/regions/{region}/writes")
    public ResponseEntity<Map<String, String>> writeInRegion(@PathVariable String region) {
        policy.requireWriteAccessToRegion(region);
        return ResponseEntity.status(201).body(Map.of("region", region));
    }

    @GetMapping("/api/v1/cards/{cardNumber}/verification")
    public Map<String, Object> verify(@PathVariable String cardNumber) {
        return Map.of("cardNumber", cardNumber, "valid", true, "authenticated", actor.isAuthenticated());
    }

    @PostMapping(path = "/api/v1/test/people", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Person> create(@Valid @RequestBody Person person) {
        return ResponseEntity.created(URI.create("/api/v1/test/people/" + person.cin())).body(person);
    }

    @GetMapping("/api/v1/test/params")
    public Map<String, Integer> params(@RequestParam int count, @RequestParam(required = false) @Min(1) Integer page) {
        return Map.of("count", count);
    }

    @GetMapping("/api/v1/test/fresh")
    public Map<String, Long> fresh(@RequestParam(required = false) Long minPosition) {
        return Map.of("minPosition", minPosition == null ? 0L : minPosition);
    }

    @GetMapping("/api/v1/test/codes/{code}")
    public Map<String, String> code(@PathVariable @Pattern(regexp = "[A-Z]{2}") String code) {
        return Map.of("code", code);
    }

    @GetMapping("/api/v1/test/throw/{kind}")
    public Map<String, String> fail(@PathVariable String kind) {
        throw switch (kind) {
            case "invalid-input" -> new InvalidInputException("provinceCode", "unknown province MA-XXX");
            case "forbidden" -> new ForbiddenException("not your region");
            case "not-found" -> new NotFoundException("no artisan A-1");
            case "duplicate-cin" -> new DuplicateCinException();
            case "rule-violation" -> new RuleViolationException("artisan-must-be-active", "The artisan is suspended");
            case "aggregate-not-found" -> new AggregateNotFoundException("A-404", "The aggregate was not found");
            case "concurrency" -> new ConcurrencyException("version conflict");
            case "stream-creation" -> new AggregateStreamCreationException("stream exists");
            case "command-wrapped" -> new CommandExecutionException("handler failed",
                    new RuleViolationException("card-already-valid", "The artisan already holds a valid card"));
            case "future-wrapped" -> new CompletionException(new DuplicateCinException());
            default -> new IllegalStateException("secret-internal-detail at db.example:27017");
        };
    }

    @PostMapping("/api/v1/test/counted")
    public ResponseEntity<Map<String, Object>> counted(@RequestBody Map<String, Object> body) throws InterruptedException {
        int n = counted.incrementAndGet();
        TimeUnit.MILLISECONDS.sleep(300);
        return ResponseEntity.created(URI.create("/api/v1/test/counted/" + n)).body(Map.of("n", n, "echo", body));
    }

    @PostMapping("/api/v1/test/failing")
    public ResponseEntity<Map<String, Object>> failing() {
        int n = failing.incrementAndGet();
        if (n == 1) {
            throw new IllegalStateException("transient failure");
        }
        return ResponseEntity.status(201).body(Map.of("n", n));
    }

    @PostMapping("/api/v1/test/contended")
    @ApiResponse(responseCode = "409", description = "`/problems/concurrency`: on the first call")
    public ResponseEntity<Map<String, Object>> contended() {
        int n = contended.incrementAndGet();
        if (n == 1) {
            throw new ConcurrencyException("a concurrent change won");
        }
        return ResponseEntity.status(201).body(Map.of("n", n));
    }

    @PostMapping("/api/v1/test/rejected")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: always")
    public Map<String, Object> rejected() {
        counted.incrementAndGet();
        throw new RuleViolationException("always", "Always rejected");
    }

    @PostMapping("/api/v1/test/async")
    public CompletableFuture<ResponseEntity<Map<String, Object>>> asyncCreate() {
        return CompletableFuture.supplyAsync(() -> {
            int n = async.incrementAndGet();
            return ResponseEntity.status(201).body(Map.of("n", n));
        }, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
    }

    @DeleteMapping("/api/v1/test/things/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        deleted.incrementAndGet();
        return ResponseEntity.noContent().build();
    }

}
