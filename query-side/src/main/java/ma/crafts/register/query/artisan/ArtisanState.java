package ma.crafts.register.query.artisan;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.SealedPersonalData;

/**
 * An artisan as folded from its event stream by {@link ArtisanFolding}: the artisan view, the card projection and the
 * as-of replay all hold this same state. Personal data stays sealed; it is opened with the vault only when a response
 * is written.
 *
 * @param cards                the artisan's cards in issue order; the last one is the current card
 * @param practiceDeclaredAt   when the years of practice in {@code qualification} were attested
 * @param registrationPosition global position of the registration event, a stable ordering key for search pages
 * @param memberships          the current memberships
 * @param endedMemberships     memberships that ended, in the order they ended
 * @param diplomaEvidence      the latest diploma evidence and its check, or null
 * @param version              sequence number of the last event applied (the aggregate's version)
 * @param position             global position of the last event applied, or -1 when unknown
 */
public record ArtisanState(String artisanId, String nia, ArtisanStatus status, ArtisanCategory category,
                           Gender gender, String provinceCode, String regionCode, String activityCode,
                           String branchCode, String nomenclatureVersion, RegisteredQualification qualification,
                           SealedPersonalData personalData, boolean personalDataErased, Instant registeredAt,
                           Instant practiceDeclaredAt, long registrationPosition, List<CardState> cards,
                           List<MembershipState> memberships, List<EndedMembershipState> endedMemberships,
                           DiplomaEvidenceState diplomaEvidence, long version, long position, Instant updatedAt) {

    public ArtisanState {
        Objects.requireNonNull(artisanId, "artisanId");
        Objects.requireNonNull(status, "status");
        cards = cards == null ? List.of() : List.copyOf(cards);
        memberships = memberships == null ? List.of() : List.copyOf(memberships);
        endedMemberships = endedMemberships == null ? List.of() : List.copyOf(endedMemberships);
    }

    /** The state as it was before ended memberships and diploma evidence were folded: neither recorded yet. */
    public ArtisanState(String artisanId, String nia, ArtisanStatus status, ArtisanCategory category,
                        Gender gender, String provinceCode, String regionCode, String activityCode,
                        String branchCode, String nomenclatureVersion, RegisteredQualification qualification,
                        SealedPersonalData personalData, boolean personalDataErased, Instant registeredAt,
                        Instant practiceDeclaredAt, long registrationPosition, List<CardState> cards,
                        List<MembershipState> memberships, long version, long position, Instant updatedAt) {
        this(artisanId, nia, status, category, gender, provinceCode, regionCode, activityCode, branchCode,
                nomenclatureVersion, qualification, personalData, personalDataErased, registeredAt, practiceDeclaredAt,
                registrationPosition, cards, memberships, List.of(), null, version, position, updatedAt);
    }

    /** The most recently issued card, whatever its status. */
    public Optional<CardState> currentCard() {
        return cards.isEmpty() ? Optional.empty() : Optional.of(cards.get(cards.size() - 1));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy used while one event is folded; every fold produces a fresh immutable state. */
    public static final class Builder {
        String artisanId;
        String nia;
        ArtisanStatus status;
        ArtisanCategory category;
        Gender gender;
        String provinceCode;
        String regionCode;
        String activityCode;
        String branchCode;
        String nomenclatureVersion;
        RegisteredQualification qualification;
        SealedPersonalData personalData;
        boolean personalDataErased;
        Instant registeredAt;
        Instant practiceDeclaredAt;
        long registrationPosition = -1;
        List<CardState> cards = List.of();
        List<MembershipState> memberships = List.of();
        List<EndedMembershipState> endedMemberships = List.of();
        DiplomaEvidenceState diplomaEvidence;
        long version = -1;
        long position = -1;
        Instant updatedAt;

        public Builder() {
        }

        Builder(ArtisanState s) {
            artisanId = s.artisanId;
            nia = s.nia;
            status = s.status;
            category = s.category;
            gender = s.gender;
            provinceCode = s.provinceCode;
            regionCode = s.regionCode;
            activityCode = s.activityCode;
            branchCode = s.branchCode;
            nomenclatureVersion = s.nomenclatureVersion;
            qualification = s.qualification;
            personalData = s.personalData;
            personalDataErased = s.personalDataErased;
            registeredAt = s.registeredAt;
            practiceDeclaredAt = s.practiceDeclaredAt;
            registrationPosition = s.registrationPosition;
            cards = s.cards;
            memberships = s.memberships;
            endedMemberships = s.endedMemberships;
            diplomaEvidence = s.diplomaEvidence;
            version = s.version;
            position = s.position;
            updatedAt = s.updatedAt;
        }

        public Builder artisanId(String v) { artisanId = v; return this; }
        public Builder nia(String v) { nia = v; return this; }
        public Builder status(ArtisanStatus v) { status = v; return this; }
        public Builder category(ArtisanCategory v) { category = v; return this; }
        public Builder gender(Gender v) { gender = v; return this; }
        public Builder provinceCode(String v) { provinceCode = v; return this; }
        public Builder regionCode(String v) { regionCode = v; return this; }
        public Builder activityCode(String v) { activityCode = v; return this; }
        public Builder branchCode(String v) { branchCode = v; return this; }
        public Builder nomenclatureVersion(String v) { nomenclatureVersion = v; return this; }
        public Builder qualification(RegisteredQualification v) { qualification = v; return this; }
        public Builder personalData(SealedPersonalData v) { personalData = v; return this; }
        public Builder personalDataErased(boolean v) { personalDataErased = v; return this; }
        public Builder registeredAt(Instant v) { registeredAt = v; return this; }
        public Builder practiceDeclaredAt(Instant v) { practiceDeclaredAt = v; return this; }
        public Builder registrationPosition(long v) { registrationPosition = v; return this; }
        public Builder cards(List<CardState> v) { cards = v; return this; }
        public Builder memberships(List<MembershipState> v) { memberships = v; return this; }
        public Builder endedMemberships(List<EndedMembershipState> v) { endedMemberships = v; return this; }
        public Builder diplomaEvidence(DiplomaEvidenceState v) { diplomaEvidence = v; return this; }
        public Builder version(long v) { version = v; return this; }
        public Builder position(long v) { position = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }

        public ArtisanState build() {
            return new ArtisanState(artisanId, nia, status, category, gender, provinceCode, regionCode, activityCode,
                    branchCode, nomenclatureVersion, qualification, personalData, personalDataErased, registeredAt,
                    practiceDeclaredAt, registrationPosition, cards, memberships, endedMemberships, diplomaEvidence,
                    version, position, updatedAt);
        }
    }
}
