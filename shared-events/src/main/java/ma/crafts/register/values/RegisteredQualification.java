package ma.crafts.register.values;

/**
 * The qualification an artisan was registered with, as the registration event records it. The diploma's reference
 * names one person, so it is sealed under the artisan's key; the diploma check compares its keyed fingerprint instead,
 * and never needs to open it.
 *
 * @param diplomaRef            the reference as registered, sealed; null on the experience route
 * @param diplomaRefFingerprint keyed fingerprint of the normalised reference; null on the experience route and in
 *                              events recorded before the reference was sealed (their {@code diplomaRef} is
 *                              {@link SealedText#CLEAR})
 */
public record RegisteredQualification(QualificationRoute route, Integer yearsOfPractice, SealedText diplomaRef,
                                      String diplomaRefFingerprint) {

    /** The same qualification with the years of practice a later event recognised. */
    public RegisteredQualification withYearsOfPractice(Integer years) {
        return new RegisteredQualification(route, years, diplomaRef, diplomaRefFingerprint);
    }

    /**
     * The same qualification for readers that show it: a fingerprint opens nothing, but equal ones would link the
     * artisans registered on one diploma.
     */
    public RegisteredQualification withoutFingerprint() {
        return new RegisteredQualification(route, yearsOfPractice, diplomaRef, null);
    }
}
