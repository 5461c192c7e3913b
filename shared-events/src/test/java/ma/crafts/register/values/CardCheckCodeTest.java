package ma.crafts.register.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CardCheckCodeTest {

    @Test
    void aCodeIs128RandomBitsInUrlSafeBase64() {
        SecureRandom random = new SecureRandom();
        Set<String> drawn = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = CardCheckCode.draw(random);
            assertThat(code).hasSize(22).matches("[A-Za-z0-9_-]+");
            assertThat(Base64.getUrlDecoder().decode(code)).hasSize(16);
            assertThat(CardCheckCode.isWellFormed(code)).isTrue();
            drawn.add(code);
        }
        assertThat(drawn).hasSize(1000);
    }

    @Test
    void aCardNumberOrAnythingElseIsNotACode() {
        assertThat(CardCheckCode.isWellFormed(null)).isFalse();
        assertThat(CardCheckCode.isWellFormed("C07-2026-000045-3")).isFalse();
        assertThat(CardCheckCode.isWellFormed("abc/defghijklmnopqrstu")).isFalse();
        assertThat(CardCheckCode.isWellFormed("abcdefghijklmnopqrstuvw")).isFalse();
    }
}
