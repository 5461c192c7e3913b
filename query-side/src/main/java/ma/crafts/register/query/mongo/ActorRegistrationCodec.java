package ma.crafts.register.query.mongo;

import java.util.List;
import ma.crafts.register.query.ActorRegistration;
import ma.crafts.register.values.ArtisanStatus;
import ma.crafts.register.values.Gender;
import ma.crafts.register.values.LocalizedText;
import org.bson.Document;

/** The shared part of the cooperative and enterprise documents; the representative stays sealed. */
public final class ActorRegistrationCodec {

    private ActorRegistrationCodec() {
    }

    /** A document keyed by the actor id, to which each read model appends its own fields. */
    public static Document toDocument(ActorRegistration r) {
        return new Document("_id", r.actorId())
                .append("nia", r.nia())
                .append("name", localized(r.name()))
                .append("provinceCode", r.provinceCode())
                .append("regionCode", r.regionCode())
                .append("activityCodes", r.activityCodes())
                .append("branchCodes", r.branchCodes())
                .append("representativeGender", r.representativeGender() == null ? null
                        : r.representativeGender().name())
                .append("representative", ArtisanStateCodec.sealed(r.representative()));
    }

    public static ActorRegistration fromDocument(Document d) {
        String gender = d.getString("representativeGender");
        return new ActorRegistration(d.getString("_id"), d.getString("nia"),
                localized(d.get("name", Document.class)), d.getString("provinceCode"), d.getString("regionCode"),
                d.getList("activityCodes", String.class, List.of()), d.getList("branchCodes", String.class, List.of()),
                gender == null ? null : Gender.valueOf(gender),
                ArtisanStateCodec.sealed(d.get("representative", Document.class)));
    }

    public static Document localized(LocalizedText text) {
        return text == null ? null : new Document("ar", text.ar()).append("fr", text.fr());
    }

    public static LocalizedText localized(Document d) {
        return d == null ? null : new LocalizedText(d.getString("ar"), d.getString("fr"));
    }

    /** A stored number as a long, whatever width the driver gave it back in. */
    public static long longValue(Object value) {
        return value instanceof Number n ? n.longValue() : -1L;
    }

    /** A cooperative's or an enterprise's status; documents written before actors had one are ACTIVE. */
    public static ArtisanStatus status(Document d) {
        String status = d.getString("status");
        return status == null ? ArtisanStatus.ACTIVE : ArtisanStatus.valueOf(status);
    }
}
