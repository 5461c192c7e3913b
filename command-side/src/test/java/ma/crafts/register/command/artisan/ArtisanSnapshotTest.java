package ma.crafts.register.command.artisan;

import static ma.crafts.register.command.support.AggregateFixtures.diploma;
import static ma.crafts.register.command.support.AggregateFixtures.sealed;
import static ma.crafts.register.command.support.TestReference.NOMENCLATURE;
import static ma.crafts.register.command.support.TestReference.TODAY;
import static ma.crafts.register.command.support.TestReference.sealedFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import ma.crafts.register.events.artisan.ArtisanJoinedProfessionalBody;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.events.artisan.CardIssued;
import ma.crafts.register.events.artisan.CardSuspended;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.SealedText;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** Snapshots of the artisan keep their shape across the aggregate's split into classes, and restore the state. */
class ArtisanSnapshotTest {
    private static final String ID = "5b0c3f3e-8d1a-4c55-9d3e-0f6f0e6a1a04";
    private static final String REGION = "MA-07";
    private static final String CARD = new CardNumber(REGION, 2026, 45).value();
    private static final String CHECK_CODE = "checkCodeOfTheFirstCrd";

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();

    @Test
    void aSnapshotHoldsTheStateFieldsAndMembershipsAsAMapByBranch() throws Exception {
        Artisan artisan = recorded();

        SerializedObject<String> snapshot = serializer.serialize(artisan, String.class);
        JsonNode json = mapper.readTree(snapshot.getData());
        assertThat(json.path("regionCode").asText()).isEqualTo(REGION);
        assertThat(json.path("card").path("status").asText()).isEqualTo("SUSPENDED");
        assertThat(json.path("memberships").path("B08").path("bodyId").asText()).isEqualTo("body-b08-mar");
        assertThat(mapper.treeToValue(json.path("qualification").path("diplomaRef"), SealedText.class))
                .isEqualTo(sealed(ID, "OFPPT-2019-0042"));
        assertThat(snapshot.getData()).as("the registered reference only sealed").doesNotContain("OFPPT-2019-0042");

        Artisan restored = serializer.deserialize(snapshot);
        assertThat(restored).usingRecursiveComparison().isEqualTo(artisan);
    }

    private static Artisan recorded() {
        Artisan artisan = new Artisan();
        artisan.on(new ArtisanRegistered(ID, new Nia(REGION, 2026, 126).value(), "MA-MAR", REGION, "B08-001", "B08",
                NOMENCLATURE.version(), Gender.F, diploma(ID, 7, "OFPPT-2019-0042"),
                ArtisanCategory.ARTISAN, sealedFor(ID)));
        artisan.on(new CardIssued(ID, CARD, TODAY, TODAY.plusYears(5).minusDays(1), CHECK_CODE));
        artisan.on(new CardSuspended(ID, CARD, sealed(ID, "enquête")));
        artisan.on(new ArtisanJoinedProfessionalBody(ID, "body-b08-mar", "B08", TODAY));
        return artisan;
    }
}
