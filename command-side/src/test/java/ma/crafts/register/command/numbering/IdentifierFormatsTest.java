package ma.crafts.register.command.numbering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ma.crafts.register.command.artisan.CardNumber;
import ma.crafts.register.command.artisan.Nia;
import org.junit.jupiter.api.Test;

class IdentifierFormatsTest {
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Test
    void luhnMatchesTheTextbookExample() {
        assertThat(CheckCharacters.luhn("7992739871")).isEqualTo('3');
        assertThat(CheckCharacters.luhn("0")).isEqualTo('0');
        // Worked by hand: "1" doubles to 2, check 36-2 = 34 = Y; "MA" gives 2*10 + 22 = 42, 42 mod 36 = 6, check 30 = U;
        // "Z" doubles to 70 = 1*36 + 34, base-36 digit sum 35, check 1.
        assertThat(CheckCharacters.luhnMod36("1")).isEqualTo('Y');
        assertThat(CheckCharacters.luhnMod36("MA")).isEqualTo('U');
        assertThat(CheckCharacters.luhnMod36("Z")).isEqualTo('1');
    }

    @Test
    void formatsTheDocumentedShapes() {
        Nia nia = new Nia("MA-07", 2026, 123);
        // The examples of docs/identifiers.md, computed there independently.
        assertThat(nia.value()).isEqualTo("MA07-2026-000123-Q");
        assertThat(new CardNumber("MA-07", 2026, 45).value()).isEqualTo("C07-2026-000045-3");
        assertThat(nia.value()).endsWith("-" + CheckCharacters.luhnMod36("MA072026000123"));
        CardNumber card = new CardNumber("MA-07", 2026, 45);
        assertThat(card.value()).isEqualTo("C07-2026-000045-" + CheckCharacters.luhn("072026000045"));
        assertThat(Nia.parse(nia.value())).isEqualTo(nia);
        assertThat(CardNumber.parse(card.value())).isEqualTo(card);
    }

    @Test
    void theNiaCheckCatchesEverySingleSubstitutionAndAdjacentTransposition() {
        for (long n = 1; n <= 400; n += 7) {
            String nia = new Nia("MA-" + String.format("%02d", 1 + n % 12), 2026, n).value();
            for (int i = 0; i < nia.length(); i++) {
                if (nia.charAt(i) == '-') {
                    continue;
                }
                for (char c : ALPHANUMERIC.toCharArray()) {
                    if (c != nia.charAt(i)) {
                        String typo = nia.substring(0, i) + c + nia.substring(i + 1);
                        assertThat(Nia.isValid(typo)).as(typo).isFalse();
                    }
                }
            }
            String compact = nia.replace("-", "");
            for (int i = 2; i + 1 < compact.length(); i++) {
                if (compact.charAt(i) != compact.charAt(i + 1)) {
                    String swapped = compact.substring(0, i) + compact.charAt(i + 1) + compact.charAt(i) + compact.substring(i + 2);
                    String hyphenated = swapped.substring(0, 4) + "-" + swapped.substring(4, 8) + "-" + swapped.substring(8, 14)
                            + "-" + swapped.substring(14);
                    assertThat(Nia.isValid(hyphenated)).as(hyphenated).isFalse();
                }
            }
        }
    }

    @Test
    void theCardCheckCatchesEverySingleDigitError() {
        String card = new CardNumber("MA-03", 2027, 918).value();
        for (int i = 0; i < card.length(); i++) {
            if (!Character.isDigit(card.charAt(i))) {
                continue;
            }
            for (char c = '0'; c <= '9'; c++) {
                if (c != card.charAt(i)) {
                    assertThat(CardNumber.isValid(card.substring(0, i) + c + card.substring(i + 1))).isFalse();
                }
            }
        }
    }

    @Test
    void rejectsMalformedIdentifiers() {
        assertThat(Nia.isValid(null)).isFalse();
        assertThat(Nia.isValid("MA07-2026-000123")).isFalse();
        assertThat(Nia.isValid("ma07-2026-000123-k")).isFalse();
        assertThat(Nia.isValid("MA07-2026-000000-" + CheckCharacters.luhnMod36("MA072026000000"))).isFalse();
        assertThat(CardNumber.isValid("C7-2026-000045-1")).isFalse();
        assertThat(CardNumber.isValid("X07-2026-000045-1")).isFalse();
        assertThatThrownBy(() -> new Nia("MA-07", 2026, 1_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CardNumber("Casablanca", 2026, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CheckCharacters.luhnMod36("ma07")).isInstanceOf(IllegalArgumentException.class);
    }
}
