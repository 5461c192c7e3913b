package ma.crafts.register.values;

/**
 * The qualification an artisan was registered with, as the registration event records it. The diploma's reference
 * names one person, so it is sealed under the artisan's key and goes with the artisan's personal data at an erasure;
 * the diploma check opens it in the command handler to compare, and records nothing of it.
 *
 * @param diplomaRef the reference as registered, sealed; null on the experience route. A registration recorded
 *                   before references were sealed holds it in clear, read as {@link SealedText#CLEAR}
 */
public record RegisteredQualification(QualificationRoute route, Integer yearsOfPractice, SealedText diplomaRef) {

    /** The same qualification with the years of practice a later event recognised. */
    public RegisteredQualification withYearsOfPractice(Integer years) {
        return new RegisteredQualification(route, years, diplomaRef);
    }
}
