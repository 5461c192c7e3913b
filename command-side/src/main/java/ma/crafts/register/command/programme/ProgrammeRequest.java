package ma.crafts.register.command.programme;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import ma.crafts.register.events.programme.ConditionType;
import ma.crafts.register.events.programme.EligibilityRule;
import ma.crafts.register.events.programme.ProgrammeTerms;
import ma.crafts.register.values.LocalizedText;

/**
 * Body of {@code POST /api/v1/programmes} (with {@code programId}) and {@code PUT /api/v1/programmes/{programId}}
 * (without), and the shape of each programme in the seed file. Only sizes are checked here; the rules are checked by
 * the {@link Programme} aggregate, which reports every bad rule at once.
 */
public record ProgrammeRequest(
        @Schema(description = "POST only: 1-40 upper-case letters, digits, '_' or '-'", example = "ONCF")
        @Size(max = 40) String programId,
        @Schema(example = "ONCF") @Size(max = 300) String partner,
        LocalizedText name,
        @Schema(description = "true while the conditions await a signed convention or text; default false")
        Boolean provisional,
        @Size(max = 2000) String basis,
        @Schema(description = "When this version comes into force; default: when it is recorded. A revision cannot "
                + "take effect in the past.", type = "string", format = "date-time")
        Instant effectiveFrom,
        @Schema(description = "Why the programme is defined or revised") @Size(max = 500) String reason,
        @Size(max = ProgrammeRuleCheck.MAX_RULES) List<@Valid Rule> rules) {

    /** One rule; {@code type} is a {@link ConditionType} name, kept as text so an unknown one is reported per rule. */
    public record Rule(@Size(max = 64) String rule, @Size(max = 64) String type,
                       @Size(max = 200) List<@Size(max = 64) String> values, Integer years, Integer months,
                       Integer minimumAge, Integer maximumAge, Boolean provisional, @Size(max = 2000) String basis) {

        EligibilityRule toRule() {
            ConditionType condition = Arrays.stream(ConditionType.values())
                    .filter(c -> c.name().equals(type)).findFirst().orElse(null);
            return new EligibilityRule(strip(rule), condition, values == null ? null
                    : values.stream().map(ProgrammeRequest::strip).toList(), years, months, minimumAge, maximumAge,
                    Boolean.TRUE.equals(provisional), strip(basis));
        }
    }

    ProgrammeTerms terms() {
        return new ProgrammeTerms(strip(partner),
                name == null ? null : new LocalizedText(strip(name.ar()), strip(name.fr())),
                Boolean.TRUE.equals(provisional), strip(basis),
                rules == null ? null : rules.stream().map(r -> r == null ? null : r.toRule()).toList());
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
