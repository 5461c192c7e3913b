package ma.crafts.register.query.artisan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import ma.crafts.register.query.PersonalDetails;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;

/** {@code GET /api/v1/artisans/{artisanId}}: the artisan as it is now, or as it was at {@code asOf}. */
@Schema(name = "ArtisanView")
public record ArtisanView(
        String artisanId,
        String nia,
        ArtisanStatus status,
        ArtisanCategory category,
        @Schema(description = "Null once the personal data has been erased; initials only when masked")
        LocalizedText firstName,
        @Schema(description = "Null once the personal data has been erased; initials only when masked")
        LocalizedText lastName,
        Gender gender,
        String provinceCode,
        String regionCode,
        String activityCode,
        String branchCode,
        @Schema(description = "The most recently issued card, or null when none was issued")
        CardView card,
        @Schema(description = "Every card issued to the artisan, oldest first, each with its own status (a lost card "
                + "stays LOST after its replacement)")
        List<CardView> cards,
        @Schema(description = "The current memberships")
        List<MembershipView> memberships,
        @Schema(description = "Memberships that ended, in the order they ended, with why")
        List<EndedMembershipView> membershipHistory,
        @Schema(description = "The latest diploma evidence and its check; null when none was recorded")
        DiplomaEvidenceView diplomaEvidence,
        @Schema(description = "The aggregate's sequence number after the last event applied")
        long version,
        @Schema(description = "Global store position of the last event applied")
        long position,
        @Schema(description = "True when names are reduced to initials for the caller's role")
        boolean masked,
        @Schema(description = "True once the artisan's personal data has been crypto-shredded")
        boolean personalDataErased,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Present on an as-of read: the instant the state was rebuilt for")
        Instant asOf,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The whole personal data (CIN, names, birth date, phone, address), for auditors and the "
                + "clerks of the artisan's current region, who amend it; absent for other roles and once erased")
        PersonalDetails personalData) {

    /** The fields this view shows in clear, for the read log: the personal data, and the sealed text it opened. */
    public List<String> shownInClear() {
        List<String> fields = new ArrayList<>();
        if (personalData != null) {
            fields.addAll(personalData.fieldNames());
        }
        if (masked) {
            return fields;
        }
        if (membershipHistory.stream().anyMatch(ended -> ended.reason() != null)) {
            fields.add("reason");
        }
        if (diplomaEvidence != null && diplomaEvidence.diplomaRef() != null) {
            fields.add("diplomaRef");
        }
        if (diplomaEvidence != null && diplomaEvidence.evidenceRef() != null) {
            fields.add("evidenceRef");
        }
        return fields;
    }
}
