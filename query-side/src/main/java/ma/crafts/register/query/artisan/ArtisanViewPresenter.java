package ma.crafts.register.query.artisan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.PersonalDataMasking;
import ma.crafts.register.query.PersonalDetails;
import ma.crafts.register.query.ReadAccess.Disclosure;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.SealedText;

/** Turns a folded state into the artisan view, opening the sealed names only now, for this caller. */
public class ArtisanViewPresenter {

    private final PersonalDataVault vault;

    public ArtisanViewPresenter(PersonalDataVault vault) {
        this.vault = vault;
    }

    /**
     * @param day   the day card expiry is judged on (today, or the day of {@code asOf})
     * @param asOf  the instant of an as-of read, or null for the current view
     */
    public ArtisanView present(ArtisanState s, Disclosure disclosure, LocalDate day, Instant asOf) {
        Optional<PersonalData> personal = s.personalData() == null ? Optional.empty() : vault.open(s.personalData());
        boolean erased = personal.isEmpty();
        boolean masked = disclosure == Disclosure.MASKED;
        LocalizedText firstName = personal.map(PersonalData::firstName).orElse(null);
        LocalizedText lastName = personal.map(PersonalData::lastName).orElse(null);
        if (masked) {
            firstName = PersonalDataMasking.initials(firstName);
            lastName = PersonalDataMasking.initials(lastName);
        }
        CardView card = s.currentCard().map(c -> CardView.of(c, s.status(), day)).orElse(null);
        return new ArtisanView(s.artisanId(), s.nia(), s.status(), s.category(), firstName, lastName, s.gender(),
                s.provinceCode(), s.regionCode(), s.activityCode(), s.branchCode(), card,
                s.cards().stream().map(c -> CardView.of(c, s.status(), day)).toList(),
                s.memberships().stream().map(MembershipView::of).toList(),
                s.endedMemberships().stream().map(m -> EndedMembershipView.of(m, shown(masked))).toList(),
                DiplomaEvidenceView.of(s.diplomaEvidence(), shown(masked), masked),
                s.version(), s.position(), masked, erased, asOf,
                masked ? null : PersonalDetails.of(personal, disclosure));
    }

    private Function<SealedText, String> shown(boolean masked) {
        return shown(masked, vault::openText);
    }

    /** Sealed text (a reason, a reference) as the caller may see it: masked, or opened (null once erased). */
    static Function<SealedText, String> shown(boolean masked, Function<SealedText, Optional<String>> open) {
        return sealed -> sealed == null ? null : masked ? PersonalDataMasking.MASK : open.apply(sealed).orElse(null);
    }
}
