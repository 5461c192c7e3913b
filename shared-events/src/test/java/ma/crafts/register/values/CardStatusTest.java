package ma.crafts.register.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CardStatusTest {
    private static final LocalDate LAST_DAY = LocalDate.of(2027, 3, 9);

    @Test
    void aValidOrSuspendedCardReadsExpiredFromTheDayAfterItsLastValidDay() {
        assertThat(CardStatus.VALID.effectiveOn(LAST_DAY, LAST_DAY)).isEqualTo(CardStatus.VALID);
        assertThat(CardStatus.VALID.effectiveOn(LAST_DAY.plusDays(1), LAST_DAY)).isEqualTo(CardStatus.EXPIRED);
        assertThat(CardStatus.SUSPENDED.effectiveOn(LAST_DAY, LAST_DAY)).isEqualTo(CardStatus.SUSPENDED);
        assertThat(CardStatus.SUSPENDED.effectiveOn(LAST_DAY.plusDays(1), LAST_DAY)).isEqualTo(CardStatus.EXPIRED);
    }

    @Test
    void finalStatusesAndACardWithoutLastValidDayKeepTheirStatus() {
        LocalDate later = LAST_DAY.plusYears(1);
        assertThat(CardStatus.REVOKED.effectiveOn(later, LAST_DAY)).isEqualTo(CardStatus.REVOKED);
        assertThat(CardStatus.LOST.effectiveOn(later, LAST_DAY)).isEqualTo(CardStatus.LOST);
        assertThat(CardStatus.EXPIRED.effectiveOn(LAST_DAY, LAST_DAY)).isEqualTo(CardStatus.EXPIRED);
        assertThat(CardStatus.VALID.effectiveOn(later, null)).isEqualTo(CardStatus.VALID);
    }
}
