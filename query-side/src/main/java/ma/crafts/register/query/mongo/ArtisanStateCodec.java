package ma.crafts.register.query.mongo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import ma.crafts.register.query.artisan.ArtisanState;
import ma.crafts.register.events.artisan.DiplomaEvidenceChecked;
import ma.crafts.register.events.artisan.ProfessionalBodyMembershipEnded;
import ma.crafts.register.query.artisan.CardState;
import ma.crafts.register.query.artisan.DiplomaEvidenceState;
import ma.crafts.register.query.artisan.EndedMembershipState;
import ma.crafts.register.query.artisan.MembershipState;
import ma.crafts.register.values.ArtisanCategory;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.CardStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.RegisteredQualification;
import ma.crafts.register.values.QualificationRoute;
import ma.crafts.register.values.SealedPersonalData;
import ma.crafts.register.values.SealedText;
import org.bson.Document;

/**
 * Maps {@link ArtisanState} to and from a BSON document keyed by the artisan id. Dates are kept as ISO strings so a
 * card's last valid day never shifts with a time zone; the personal data stays in its sealed form.
 */
public final class ArtisanStateCodec {

    private ArtisanStateCodec() {
    }

    public static Document toDocument(ArtisanState s) {
        Document d = new Document("_id", s.artisanId());
        d.append("nia", s.nia())
                .append("status", name(s.status()))
                .append("category", name(s.category()))
                .append("gender", name(s.gender()))
                .append("provinceCode", s.provinceCode())
                .append("regionCode", s.regionCode())
                .append("activityCode", s.activityCode())
                .append("branchCode", s.branchCode())
                .append("nomenclatureVersion", s.nomenclatureVersion())
                .append("qualification", qualification(s.qualification()))
                .append("personalData", sealed(s.personalData()))
                .append("personalDataErased", s.personalDataErased())
                .append("registeredAt", date(s.registeredAt()))
                .append("practiceDeclaredAt", date(s.practiceDeclaredAt()))
                .append("registrationPosition", s.registrationPosition());
        List<Document> cards = new ArrayList<>();
        for (CardState c : s.cards()) {
            cards.add(new Document("cardNumber", c.cardNumber())
                    .append("status", c.status().name())
                    .append("validFrom", iso(c.validFrom()))
                    .append("validUntil", iso(c.validUntil()))
                    .append("checkCode", c.checkCode()));
        }
        d.append("cards", cards);
        List<Document> memberships = new ArrayList<>();
        for (MembershipState m : s.memberships()) {
            memberships.add(new Document("bodyId", m.bodyId())
                    .append("branchCode", m.branchCode())
                    .append("since", iso(m.since())));
        }
        List<Document> endedMemberships = new ArrayList<>();
        for (EndedMembershipState m : s.endedMemberships()) {
            endedMemberships.add(new Document("bodyId", m.bodyId())
                    .append("branchCode", m.branchCode())
                    .append("since", iso(m.since()))
                    .append("endedOn", iso(m.endedOn()))
                    .append("cause", name(m.cause()))
                    .append("reason", sealedText(m.reason())));
        }
        d.append("memberships", memberships)
                .append("endedMemberships", endedMemberships)
                .append("diplomaEvidence", diplomaEvidence(s.diplomaEvidence()))
                .append("version", s.version())
                .append("position", s.position())
                .append("updatedAt", date(s.updatedAt()));
        return d;
    }

    public static ArtisanState fromDocument(Document d) {
        List<CardState> cards = new ArrayList<>();
        for (Document c : d.getList("cards", Document.class, List.of())) {
            cards.add(new CardState(c.getString("cardNumber"), CardStatus.valueOf(c.getString("status")),
                    localDate(c.getString("validFrom")), localDate(c.getString("validUntil")),
                    c.getString("checkCode")));
        }
        List<MembershipState> memberships = new ArrayList<>();
        for (Document m : d.getList("memberships", Document.class, List.of())) {
            memberships.add(new MembershipState(m.getString("bodyId"), m.getString("branchCode"),
                    localDate(m.getString("since"))));
        }
        List<EndedMembershipState> endedMemberships = new ArrayList<>();
        for (Document m : d.getList("endedMemberships", Document.class, List.of())) {
            endedMemberships.add(new EndedMembershipState(m.getString("bodyId"), m.getString("branchCode"),
                    localDate(m.getString("since")), localDate(m.getString("endedOn")),
                    enumOrNull(ProfessionalBodyMembershipEnded.Cause.class, m.getString("cause")),
                    sealedText(m.get("reason"), d.getString("_id"))));
        }
        return new ArtisanState(
                d.getString("_id"),
                d.getString("nia"),
                ArtisanStatus.valueOf(d.getString("status")),
                enumOrNull(ArtisanCategory.class, d.getString("category")),
                enumOrNull(Gender.class, d.getString("gender")),
                d.getString("provinceCode"),
                d.getString("regionCode"),
                d.getString("activityCode"),
                d.getString("branchCode"),
                d.getString("nomenclatureVersion"),
                qualification(d.get("qualification", Document.class), d.getString("_id")),
                sealed(d.get("personalData", Document.class)),
                Boolean.TRUE.equals(d.getBoolean("personalDataErased")),
                instant(d.getDate("registeredAt")),
                instant(d.getDate("practiceDeclaredAt")),
                longValue(d.get("registrationPosition")),
                cards,
                memberships,
                endedMemberships,
                diplomaEvidence(d.get("diplomaEvidence", Document.class), d.getString("_id")),
                longValue(d.get("version")),
                longValue(d.get("position")),
                instant(d.getDate("updatedAt")));
    }

    public static Document sealed(SealedPersonalData p) {
        if (p == null) {
            return null;
        }
        return new Document("keyId", p.keyId())
                .append("algorithm", p.algorithm())
                .append("nonce", p.nonce())
                .append("ciphertext", p.ciphertext());
    }

    public static SealedPersonalData sealed(Document d) {
        if (d == null) {
            return null;
        }
        return new SealedPersonalData(d.getString("keyId"), d.getString("algorithm"), d.getString("nonce"),
                d.getString("ciphertext"));
    }

    private static Document diplomaEvidence(DiplomaEvidenceState e) {
        if (e == null) {
            return null;
        }
        return new Document("diplomaRef", sealedText(e.diplomaRef()))
                .append("issuer", e.issuer())
                .append("evidenceRef", sealedText(e.evidenceRef()))
                .append("recordedAt", date(e.recordedAt()))
                .append("outcome", name(e.outcome()))
                .append("detail", e.detail());
    }

    private static DiplomaEvidenceState diplomaEvidence(Document d, String artisanId) {
        if (d == null) {
            return null;
        }
        return new DiplomaEvidenceState(sealedText(d.get("diplomaRef"), artisanId), d.getString("issuer"),
                sealedText(d.get("evidenceRef"), artisanId),
                instant(d.getDate("recordedAt")), enumOrNull(DiplomaEvidenceChecked.Outcome.class, d.getString("outcome")),
                d.getString("detail"));
    }

    private static Document sealedText(SealedText t) {
        if (t == null) {
            return null;
        }
        return new Document("keyId", t.keyId())
                .append("algorithm", t.algorithm())
                .append("nonce", t.nonce())
                .append("sealedText", t.sealedText());
    }

    /**
     * Sealed text as stored; a view written before such text was sealed holds it as a string, read like an event of
     * that time (until the projection is rebuilt), so that it is shown on the same terms.
     */
    private static SealedText sealedText(Object stored, String artisanId) {
        if (stored instanceof Document t) {
            return new SealedText(t.getString("keyId"), t.getString("algorithm"), t.getString("nonce"),
                    t.getString("sealedText"));
        }
        return stored instanceof String clear ? SealedText.recordedInClear(artisanId, clear) : null;
    }

    private static Document qualification(RegisteredQualification q) {
        if (q == null) {
            return null;
        }
        return new Document("route", name(q.route()))
                .append("yearsOfPractice", q.yearsOfPractice())
                .append("diplomaRef", sealedText(q.diplomaRef()));
    }

    private static RegisteredQualification qualification(Document d, String artisanId) {
        if (d == null) {
            return null;
        }
        return new RegisteredQualification(enumOrNull(QualificationRoute.class, d.getString("route")),
                d.getInteger("yearsOfPractice"), sealedText(d.get("diplomaRef"), artisanId));
    }

    static long longValue(Object value) {
        return value instanceof Number n ? n.longValue() : -1L;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    private static String iso(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static LocalDate localDate(String value) {
        return value == null ? null : LocalDate.parse(value);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
