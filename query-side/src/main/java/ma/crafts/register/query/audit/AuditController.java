package ma.crafts.register.query.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.eventstore.HashChain;
import ma.crafts.register.eventstore.MongoEventStorageEngine;
import ma.crafts.register.eventstore.checkpoint.Checkpoint;
import ma.crafts.register.eventstore.checkpoint.CheckpointArchive;
import ma.crafts.register.eventstore.checkpoint.CheckpointChain;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.Role;
import ma.crafts.register.query.QueryParameters;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Verification of the event store's hash chains and its signed checkpoints (event-store/GUARANTEES.md §5,
 * docs/audit-checkpoints.md). Auditors verify; sealing a checkpoint is also open to the registry administrator, who
 * runs the register, as it changes nothing in it.
 */
@RestController("queryAuditController")
@Tag(name = "Audit", description = AuditController.TAG_DESCRIPTION)
public class AuditController {
    /** One tag, one description: a generated client refuses a document that lists a tag twice. */
    static final String TAG_DESCRIPTION = "Histories, verification of the stored record, and signed checkpoints";

    private final MongoEventStorageEngine engine;
    private final StoreVerifications verifications;
    private final SealedCheckpoints checkpoints;
    private final AccessPolicy access;

    public AuditController(MongoEventStorageEngine engine, StoreVerifications verifications,
                           SealedCheckpoints checkpoints, AccessPolicy access) {
        this.engine = engine;
        this.verifications = verifications;
        this.checkpoints = checkpoints;
        this.access = access;
    }

    @GetMapping(path = "/api/v1/audit/actors/{id}/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Verify one actor's stream (AUDITOR)",
            description = "Recomputes the hash chain of an artisan's, cooperative's, enterprise's or professional "
                    + "body's events from the stored documents and checks that it still passes through the head the "
                    + "newest checkpoint sealed, so that removing its latest commits shows too. 404 for an identifier "
                    + "with no events.")
    @ApiResponse(responseCode = "200", description = "The verdict")
    public ActorVerification actor(@PathVariable String id) {
        access.requireAnyRole(Role.AUDITOR);
        String actorId = QueryParameters.identifier("id", id);
        Optional<SealedCheckpoints.SealedHead> sealed = checkpoints.newestHeadOf(actorId);
        HashChain.Verification verification = engine.verifyStream(actorId,
                sealed.map(SealedCheckpoints.SealedHead::head).orElse(null));
        if (verification.lastSequence() < 0 && verification.intact()) {
            throw new NotFoundException("No actor has events under " + actorId);
        }
        return new ActorVerification(verification.intact(), verification.eventsChecked(), verification.headHash(),
                verification.lastSequence(), verification.breaks().stream().findFirst().map(BrokenLink::of).orElse(null),
                sealed.map(SealedCheckpoints.SealedHead::checkpointId).orElse(null));
    }

    /** What to verify the store against; empty for the whole store on its own. */
    @Schema(name = "StoreVerificationRequest")
    public record VerificationRequest(
            @Schema(description = "Verify the store up to this checkpoint's position against its sealed heads")
            Long checkpointId) {
    }

    @PostMapping(path = "/api/v1/audit/verifications", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Start verifying the whole store in the background (AUDITOR)",
            description = "Every commit's hash, every stream's chain and every position between commits; with "
                    + "checkpointId, the store up to that checkpoint's position against its signed heads. The body is "
                    + "optional. Location names the verification to poll.")
    @ApiResponse(responseCode = "202", description = "Started")
    public ResponseEntity<VerificationRun.Progress> startVerification(
            @RequestBody(required = false) VerificationRequest request) {
        access.requireAnyRole(Role.AUDITOR);
        VerificationRun run = verifications.start(request == null ? null : request.checkpointId());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/audit/verifications/" + run.id())).body(run.progress());
    }

    @GetMapping(path = "/api/v1/audit/verifications/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A store verification's progress and result (AUDITOR)",
            description = "While it runs: the position verified so far and the last position it verifies. When done: "
                    + "the verdict, the events checked, and the first breaks found (at most 100), each naming its "
                    + "actor, sequence, position and kind. A run that a restart interrupted is carried on from where "
                    + "it stood (resumedAfter). 404 for an unknown id.")
    @ApiResponse(responseCode = "200", description = "Progress, then the verdict with the first breaks")
    public VerificationRun.Progress verification(@PathVariable String id) {
        access.requireAnyRole(Role.AUDITOR);
        return verifications.progress(QueryParameters.identifier("id", id));
    }

    /** A checkpoint without its heads: what the list shows. */
    @Schema(name = "CheckpointSummary")
    public record CheckpointSummary(long id, long position, String sealedAt, long events, long streams,
                                    String headsDigest, String keyId,
                                    @Schema(description = "SHA-256 of the signed text of the checkpoint before it "
                                            + "(64 zeros for the first); null for checkpoints sealed before the "
                                            + "register kept one series")
                                    String previous) {
        static CheckpointSummary of(Checkpoint checkpoint) {
            return new CheckpointSummary(checkpoint.id(), checkpoint.position(), checkpoint.sealedAt(),
                    checkpoint.events(), checkpoint.streams(), checkpoint.headsDigest(), checkpoint.keyId(),
                    checkpoint.previous());
        }
    }

    @Schema(name = "CheckpointList")
    public record CheckpointList(List<CheckpointSummary> items, String publicKey,
                                 @Schema(description = "Where the series first does not chain (a checkpoint missing "
                                         + "or replaced); null when it does")
                                 String chainBreak) {
    }

    @GetMapping(path = "/api/v1/audit/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The sealed checkpoints, oldest first, and the key that signs them (AUDITOR)",
            description = "The register's one series, the same on every node: each checkpoint's id, position, counts, "
                    + "heads digest, time and the hash of the one before it, with the Ed25519 public key that "
                    + "verifies their signatures and where the series does not chain; docs/audit-checkpoints.md shows "
                    + "how to check one without the register's code.")
    @ApiResponse(responseCode = "200", description = "The checkpoints")
    public CheckpointList checkpoints() {
        access.requireAnyRole(Role.AUDITOR);
        List<Checkpoint> series = checkpoints.series();
        return new CheckpointList(series.stream().map(CheckpointSummary::of).toList(), checkpoints.publicKeyPem(),
                CheckpointChain.firstBreak(series).map(CheckpointChain.Break::detail).orElse(null));
    }

    @PostMapping(path = "/api/v1/audit/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Seal a checkpoint now (AUDITOR, REGISTRY_ADMIN)",
            description = "Verifies the whole store, then signs its position, event and stream counts and the digest of "
                    + "every stream's head. 409 (/problems/rule-violation, store-does-not-verify) when the store does "
                    + "not verify, and (checkpoint-being-sealed) when another node kept sealing for longer than the "
                    + "lease's term. Location names the signed file.")
    @ApiResponse(responseCode = "201", description = "Sealed")
    public ResponseEntity<CheckpointSummary> seal() {
        access.requireAnyRole(Role.AUDITOR, Role.REGISTRY_ADMIN);
        Checkpoint sealed = checkpoints.seal();
        return ResponseEntity.created(URI.create("/api/v1/audit/checkpoints/" + sealed.id()))
                .body(CheckpointSummary.of(sealed));
    }

    @GetMapping(path = "/api/v1/audit/checkpoints/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One signed checkpoint, as the file to keep (AUDITOR)",
            description = "The JSON that docs/audit-checkpoints.md checks with jq and openssl: the signed fields, the "
                    + "signature, the signing key and every stream's head.")
    @ApiResponse(responseCode = "200", description = "The signed checkpoint",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Checkpoint.class)))
    public ResponseEntity<byte[]> checkpoint(
            @Parameter(schema = @Schema(type = "integer", format = "int64", minimum = "1")) @PathVariable String id) {
        access.requireAnyRole(Role.AUDITOR);
        long checkpointId = checkpointId(id);
        Checkpoint checkpoint = checkpoints.read(checkpointId)
                .orElseThrow(() -> new NotFoundException("No checkpoint " + checkpointId));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"checkpoint-" + checkpointId + ".json\"")
                .body(CheckpointArchive.toJson(checkpoint));
    }

    private static long checkpointId(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, as any other bad identifier
        }
        throw new InvalidInputException("id", "a checkpoint id is a whole number from 1");
    }
}
