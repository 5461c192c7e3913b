package ma.crafts.register.query.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import ma.crafts.register.errors.ForbiddenException;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.events.enterprise.ChamberNotificationIssued;
import ma.crafts.register.events.enterprise.EnterpriseFlaggedNonCompliant;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.query.ProjectionFreshness;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.notification.mongo.NotificationRepository;
import ma.crafts.register.query.reference.ReferenceCatalog;
import ma.crafts.register.query.support.InMemoryMongo;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.reference.Nomenclature;
import ma.crafts.register.values.LocalizedText;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The notification projection and its reads on an embedded MongoDB, fed with event messages as the tracking processor
 * delivers them, and read as each role would read them.
 */
class NotificationProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private InMemoryMongo mongo;
    private NotificationRepository repository;
    private NotificationProjection projection;
    private NotificationQueries queries;
    /** Delivers as the processor does, resolving the handler's parameters from the message. */
    private AnnotationEventHandlerAdapter handler;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        repository = new NotificationRepository(mongo.database());
        projection = new NotificationProjection(repository);
        handler = new AnnotationEventHandlerAdapter(projection);
        queries = new NotificationQueries(repository, new ReferenceCatalog(Geography.load(), Nomenclature.load()),
                new ReadAccess(new CurrentActor()), new ProjectionFreshness(null, null, new CurrentActor(), null, 0));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        mongo.close();
    }

    @Test
    void eachNoticeIsKeptOnceUnderItsRegionNewestFirst() {
        deliver(notice("n-1", "MA-07", "e-1"), 10, T0);
        deliver(notice("n-2", "MA-03", "e-2"), 12, T0.plusSeconds(60));
        deliver(notice("n-3", "MA-07", "e-3"), 15, T0.plusSeconds(120));
        deliver(notice("n-1", "MA-07", "e-1"), 10, T0);

        actingAs("CHAMBER_CLERK", "MA-07");
        NotificationPage marrakech = queries.list(null, null, null, null);
        assertThat(marrakech.total()).isEqualTo(2);
        assertThat(marrakech.items()).extracting(ChamberNotification::notificationId).containsExactly("n-3", "n-1");
        ChamberNotification first = marrakech.items().get(1);
        assertThat(first).isEqualTo(new ChamberNotification("n-1", "MA-07", "e-1",
                ChamberNotificationIssued.ENTERPRISE_NON_COMPLIANT, message("e-1"), T0, 10));
        assertThat(first.message().ar()).contains("المقاولة");

        NotificationPage secondPage = queries.list("MA-07", "1", "1", null);
        assertThat(secondPage.items()).extracting(ChamberNotification::notificationId).containsExactly("n-1");
        assertThat(secondPage.page()).isEqualTo(1);
        assertThat(secondPage.size()).isEqualTo(1);
        assertThat(secondPage.total()).isEqualTo(2);
    }

    @Test
    void otherEventsOfTheEnterpriseLeaveNoNotice() {
        EventMessage<?> flagged = message(9, T0, new EnterpriseFlaggedNonCompliant("e-1", "a-1", "MA-07", "x"));
        assertThat(handler.canHandle(flagged)).isFalse();
        deliver(notice("n-1", "MA-07", "e-1"), 10, T0);

        assertThat(mongo.database().getCollection(NotificationRepository.NOTIFICATIONS).countDocuments()).isEqualTo(1);
    }

    @Test
    void aClerkReadsItsOwnRegionOnly_nationalRolesReadAnyRegionOrAll() {
        deliver(notice("n-1", "MA-07", "e-1"), 10, T0);
        deliver(notice("n-2", "MA-03", "e-2"), 12, T0);

        actingAs("CHAMBER_CLERK", "MA-03");
        assertThat(queries.list("MA-03", null, null, null).items()).extracting(ChamberNotification::notificationId)
                .containsExactly("n-2");
        assertThatThrownBy(() -> queries.list("MA-07", null, null, null)).isInstanceOf(ForbiddenException.class);

        actingAs("MINISTRY_ANALYST", null);
        assertThat(queries.list("MA-07", null, null, null).items()).extracting(ChamberNotification::notificationId)
                .containsExactly("n-1");
        actingAs("AUDITOR", null);
        assertThat(queries.list(null, null, null, null).total()).isEqualTo(2);
    }

    @Test
    void everyMalformedParameterIsNamedAtOnce() {
        actingAs("AUDITOR", null);
        assertThatThrownBy(() -> queries.list("MA-99", "-1", "101", "x"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(InvalidInputException.FieldProblem::field)
                        .containsExactlyInAnyOrder("regionCode", "page", "size", "minPosition"));
    }

    @Test
    void resetForgetsEveryNotice() {
        deliver(notice("n-1", "MA-07", "e-1"), 10, T0);
        projection.reset();
        deliver(notice("n-2", "MA-07", "e-2"), 11, T0);

        actingAs("AUDITOR", null);
        assertThat(queries.list(null, null, null, null).items()).extracting(ChamberNotification::notificationId)
                .containsExactly("n-2");
    }

    private void deliver(ChamberNotificationIssued notice, long position, Instant at) {
        try {
            handler.handle(message(position, at, notice));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static EventMessage<?> message(long position, Instant at, Object payload) {
        return new GenericDomainEventMessage<>("Enterprise", "e", 1, payload, Map.of("globalPosition", position),
                java.util.UUID.randomUUID().toString(), at);
    }

    private static ChamberNotificationIssued notice(String id, String region, String enterpriseId) {
        return new ChamberNotificationIssued(id, region, enterpriseId, ChamberNotificationIssued.ENTERPRISE_NON_COMPLIANT,
                message(enterpriseId));
    }

    private static LocalizedText message(String enterpriseId) {
        return new LocalizedText("لم تعد المقاولة " + enterpriseId + " مستوفية لشروط تسجيلها",
                "L'entreprise " + enterpriseId + " ne remplit plus la condition de son inscription");
    }

    private static void actingAs(String role, String region) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "none").subject("tester")
                .claim(CurrentActor.ROLES_CLAIM, List.of(role));
        if (region != null) {
            jwt.claim(CurrentActor.REGION_CLAIM, region);
        }
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt.build(), List.of()));
    }
}
