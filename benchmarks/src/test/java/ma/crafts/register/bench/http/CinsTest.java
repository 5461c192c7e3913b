package ma.crafts.register.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CinsTest {
    /** The register's rule (ApplicantRules): one or two letters, then one to six digits. */
    private static final Pattern CIN = Pattern.compile("[A-Z]{1,2}[0-9]{1,6}");

    @Test
    void everyCinIsValidAndNoneRepeats_withinOrAcrossNamespaces() {
        Set<String> seen = new HashSet<>();
        for (Cins namespace : Cins.values()) {
            // The first numbers (where runs start) and the last ones (where the digits wrap) of each namespace.
            for (long n = 0; n < 100_000; n++) {
                assertUnseenAndValid(seen, namespace.cin(n));
            }
            for (long n = namespace.capacity() - 20_000; n < namespace.capacity(); n++) {
                assertUnseenAndValid(seen, namespace.cin(n));
            }
        }
        assertThat(seen).hasSize(Cins.values().length * 120_000);
    }

    @Test
    void theSameNumberAlwaysGivesTheSameCin() {
        assertThat(Cins.PREFILL.cin(123_456)).isEqualTo(Cins.PREFILL.cin(123_456));
        assertThat(Cins.PREFILL.cin(1)).isNotEqualTo(Cins.HTTP.cin(1));
    }

    @Test
    void numbersOutsideTheNamespaceAreRefused() {
        assertThatThrownBy(() -> Cins.HTTP.cin(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cins.HTTP.cin(Cins.HTTP.capacity())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePrefillNamespaceHoldsWellOverAMillionApplicants() {
        assertThat(Cins.PREFILL.capacity()).isGreaterThanOrEqualTo(10_000_000);
    }

    private static void assertUnseenAndValid(Set<String> seen, String cin) {
        assertThat(cin).matches(CIN);
        assertThat(seen.add(cin)).as("CIN %s given twice", cin).isTrue();
    }
}
