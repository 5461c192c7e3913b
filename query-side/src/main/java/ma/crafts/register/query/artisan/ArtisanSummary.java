package ma.crafts.register.query.artisan;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Gender;

/**
 * One search result. It carries no personal data (names stay behind {@code GET /api/v1/artisans/{artisanId}}, where
 * each read is checked and masked per role), so listing a region never discloses more than its statistics.
 */
@Schema(name = "ArtisanSummary")
public record ArtisanSummary(String artisanId, String nia, ArtisanStatus status, ArtisanCategory category,
                             Gender gender, String provinceCode, String regionCode, String activityCode,
                             String branchCode, CardView card, long version) {

    public static ArtisanSummary of(ArtisanState s, LocalDate day) {
        return new ArtisanSummary(s.artisanId(), s.nia(), s.status(), s.category(), s.gender(), s.provinceCode(),
                s.regionCode(), s.activityCode(), s.branchCode(),
                s.currentCard().map(c -> CardView.of(c, s.status(), day)).orElse(null), s.version());
    }
}
