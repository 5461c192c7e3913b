package ma.crafts.register.query.mongo;

import static ma.crafts.register.query.support.TestEvents.sealed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import ma.crafts.register.events.artisan.ArtisanRegistered;
import ma.crafts.register.query.artisan.ArtisanEvent;
import ma.crafts.register.query.artisan.ArtisanFolding;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.SealedText;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The registered diploma reference in the artisan's view document: sealed as the event holds it, never in clear. */
class ArtisanStateCodecTest {

    private static final SealedText DIPLOMA_REF = new SealedText("a1", "AES-256-GCM", "bm9uY2U=", "c2VhbGVk");

    @Test
    void theRegisteredDiplomaReferenceIsKeptSealed() {
        RegisteredQualification registered = new RegisteredQualification(QualificationRoute.DIPLOMA, 4, DIPLOMA_REF);
        ArtisanState state = registeredWith(registered);
        assertThat(state.qualification()).isEqualTo(registered);

        Document stored = ArtisanStateCodec.toDocument(state);
        assertThat(stored.get("qualification", Document.class).get("diplomaRef", Document.class)
                .getString("algorithm")).isEqualTo("AES-256-GCM");
        assertThat(ArtisanStateCodec.fromDocument(stored).qualification()).isEqualTo(registered);
    }

    @Test
    void aViewStoredWhenTheReferenceWasInClearReadsItSealedInClearUnderTheArtisan() {
        Document stored = ArtisanStateCodec.toDocument(registeredWith(
                new RegisteredQualification(QualificationRoute.DIPLOMA, 4, DIPLOMA_REF)));
        stored.get("qualification", Document.class).put("diplomaRef", "OFPPT-2019-0042");

        assertThat(ArtisanStateCodec.fromDocument(stored).qualification().diplomaRef())
                .isEqualTo(SealedText.recordedInClear("a1", "OFPPT-2019-0042"));
    }

    private static ArtisanState registeredWith(RegisteredQualification qualification) {
        ArtisanRegistered registered = new ArtisanRegistered("a1", "NIA-a1", "MA-MAR", "MA-07", "B01-001", "B01",
                "2021-provisional-1", Gender.F, qualification, ArtisanCategory.ARTISAN, sealed("a1"));
        return new ArtisanFolding().foldAll(List.of(new ArtisanEvent("a1", 0, 5,
                Instant.parse("2024-01-10T09:00:00Z"), registered))).orElseThrow();
    }
}
