package ma.crafts.register.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The token store hands a segment to exactly one node at a time and keeps gap-aware tokens intact. */
class TokenStoreContractTest {
    private final StoreFixture fixture = new StoreFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void concurrentClaims_exactlyOneNodeWins() throws Exception {
        fixture.tokenStore().initializeTokenSegments("claimed", 1);
        int nodes = 12;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            MongoTokenStore node = fixture.tokenStore();
            claims.add(pool.submit(() -> {
                start.await();
                try {
                    node.fetchToken("claimed", 0);
                    return true;
                } catch (UnableToClaimTokenException e) {
                    return false;
                }
            }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> claim : claims) {
            winners += claim.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
    }

    @Test
    void tokensRoundTrip_andOnlyTheOwnerMayStore() {
        MongoTokenStore owner = fixture.tokenStore();
        MongoTokenStore other = fixture.tokenStore();
        owner.initializeTokenSegments("p", 2);
        assertThat(owner.fetchToken("p", 0)).isNull();
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(41, List.of(7L, 39L));
        owner.storeToken(token, "p", 0);
        assertThat(owner.fetchToken("p", 0)).isEqualTo(token);
        assertThatThrownBy(() -> other.storeToken(token, "p", 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(other.fetchAvailableSegments("p")).extracting(s -> s.getSegmentId()).containsExactly(1);
        owner.releaseClaim("p", 0);
        assertThat(other.fetchToken("p", 0)).isEqualTo(token);
        assertThat(owner.fetchSegments("p")).containsExactly(0, 1);
        assertThat(owner.retrieveStorageIdentifier()).isEqualTo(other.retrieveStorageIdentifier()).isPresent();
    }

    @Test
    void trackingProgress_needsEverySegmentPastThePosition_andNoOpenGapThere() {
        MongoTokenStore store = fixture.tokenStore();
        store.initializeTokenSegments("view", 1);
        store.fetchToken("view", 0);
        store.storeToken(GapAwareTrackingToken.newInstance(10, List.of(4L)), "view", 0);
        TrackingProgress progress = new TrackingProgress(store);
        assertThat(progress.hasApplied("view", 10)).isTrue();
        assertThat(progress.hasApplied("view", 4)).isFalse();
        assertThat(progress.hasApplied("view", 11)).isFalse();
        assertThat(progress.hasApplied("unknown", 0)).isFalse();
    }
}
