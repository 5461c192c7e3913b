package ma.crafts.register.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ma.crafts.register.platform.problem.ProblemWriter;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

class PublicRateLimitFilterTest {

    private static final String PUBLIC = "/api/v1/cards/MA07-C-0001/verification";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final PublicRateLimitFilter filter = filter(1_000);

    private PublicRateLimitFilter filter(int maxClients) {
        return new PublicRateLimitFilter(PathPatternRequestMatcher.withDefaults().matcher("/api/v1/cards/*/verification"),
                new ProblemWriter(JSON), 2, 3, maxClients, nanos::get);
    }

    private MockHttpServletResponse call(PublicRateLimitFilter filter, String path, String client) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRemoteAddr(client);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void aClientGetsItsBurstThen429WithRetryAfterUntilTheBucketRefills() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(call(filter, PUBLIC, "10.0.0.1").getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = call(filter, PUBLIC, "10.0.0.1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        JsonNode body = JSON.readTree(refused.getContentAsString());
        assertThat(body.get("type").asText()).isEqualTo("/problems/too-many-requests");
        assertThat(body.get("status").asInt()).isEqualTo(429);

        assertThat(call(filter, PUBLIC, "10.0.0.2").getStatus()).as("another address has its own bucket").isEqualTo(200);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(call(filter, PUBLIC, "10.0.0.1").getStatus()).as("one token back after 1/perSecond").isEqualTo(200);
        assertThat(call(filter, PUBLIC, "10.0.0.1").getStatus()).isEqualTo(429);
    }

    @Test
    void pathsOutsideThePublicSetAreNotCounted() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(call(filter, "/actuator/health", "10.0.0.1").getStatus()).isEqualTo(200);
        }
        assertThat(call(filter, PUBLIC, "10.0.0.1").getStatus()).isEqualTo(200);
    }

    @Test
    void whenTooManyAddressesAreRememberedIdleOnesAreForgottenFirst() throws Exception {
        PublicRateLimitFilter small = filter(2);
        for (int i = 0; i < 3; i++) {
            call(small, PUBLIC, "10.0.0.1");
        }
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
        call(small, PUBLIC, "10.0.0.2");
        call(small, PUBLIC, "10.0.0.3");
        assertThat(call(small, PUBLIC, "10.0.0.2").getStatus()).isEqualTo(200);
        assertThat(call(small, PUBLIC, "10.0.0.2").getStatus()).isEqualTo(200);
        assertThat(call(small, PUBLIC, "10.0.0.2").getStatus())
                .as("the recent address kept its bucket while the idle one made room").isEqualTo(429);
    }
}
