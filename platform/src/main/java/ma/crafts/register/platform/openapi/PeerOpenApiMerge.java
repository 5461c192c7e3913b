package ma.crafts.register.platform.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * In the split deployment the gateway sends {@code /v3/api-docs} to one side, but the contract's document covers every
 * path: this side adds the operations and components its peer documents ({@code register.openapi.peer-url}). A peer that
 * cannot be read fails the document rather than publishing half of the API as if it were all of it; springdoc keeps
 * only a document that was built, so the next request tries again.
 */
public final class PeerOpenApiMerge implements GlobalOpenApiCustomizer {
    private static final Logger LOG = LoggerFactory.getLogger(PeerOpenApiMerge.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI peerDocument;
    private final ObjectMapper openApiJson;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param openApiJson springdoc's own mapper, so a peer serving OpenAPI 3.1 is read as 3.1 */
    public PeerOpenApiMerge(URI peerDocument, ObjectMapper openApiJson) {
        this.peerDocument = peerDocument;
        this.openApiJson = openApiJson;
    }

    @Override
    public void customise(OpenAPI openApi) {
        merge(openApi, fetchPeer());
    }

    private OpenAPI fetchPeer() {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(peerDocument).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unavailable("could not be read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("was being read when the thread was interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw unavailable("answered " + response.statusCode(), null);
        }
        try {
            return openApiJson.readValue(response.body(), OpenAPI.class);
        } catch (IOException e) {
            throw unavailable("is not OpenAPI JSON", e);
        }
    }

    /** The caller gets a 503 problem; the peer's internal address goes to the log only. */
    private ResponseStatusException unavailable(String why, Throwable cause) {
        LOG.warn("The peer's OpenAPI document at {} {}", peerDocument, why);
        return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                "The API document covers both sides of the register, and the other side did not answer; retry later", cause);
    }

    /** Adds what {@code peer} documents and {@code own} does not; where both document something, {@code own} wins. */
    static void merge(OpenAPI own, OpenAPI peer) {
        if (peer.getPaths() != null) {
            if (own.getPaths() == null) {
                own.setPaths(new Paths());
            }
            peer.getPaths().forEach((path, peerItem) -> {
                PathItem ownItem = own.getPaths().get(path);
                if (ownItem == null) {
                    own.getPaths().addPathItem(path, peerItem);
                    return;
                }
                Map<PathItem.HttpMethod, Operation> ownOperations = ownItem.readOperationsMap();
                peerItem.readOperationsMap().forEach((method, operation) -> {
                    if (!ownOperations.containsKey(method)) {
                        ownItem.operation(method, operation);
                    }
                });
            });
        }
        Components peerComponents = peer.getComponents();
        if (peerComponents == null) {
            return;
        }
        if (own.getComponents() == null) {
            own.setComponents(new Components());
        }
        Components ours = own.getComponents();
        ours.setSchemas(withMissing(ours.getSchemas(), peerComponents.getSchemas()));
        ours.setParameters(withMissing(ours.getParameters(), peerComponents.getParameters()));
        ours.setResponses(withMissing(ours.getResponses(), peerComponents.getResponses()));
        ours.setRequestBodies(withMissing(ours.getRequestBodies(), peerComponents.getRequestBodies()));
        ours.setHeaders(withMissing(ours.getHeaders(), peerComponents.getHeaders()));
        ours.setSecuritySchemes(withMissing(ours.getSecuritySchemes(), peerComponents.getSecuritySchemes()));
    }

    private static <T> Map<String, T> withMissing(Map<String, T> own, Map<String, T> peer) {
        if (peer == null) {
            return own;
        }
        Map<String, T> merged = own == null ? new LinkedHashMap<>() : own;
        peer.forEach(merged::putIfAbsent);
        return merged;
    }
}
