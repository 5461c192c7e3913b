package ma.crafts.register.values;

/** How the artisan qualified: a diploma (with its reference) or years of effective practice. */
public record Qualification(QualificationRoute route, Integer yearsOfPractice, String diplomaRef) {
}
