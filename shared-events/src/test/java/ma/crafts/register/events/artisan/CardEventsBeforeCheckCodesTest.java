package ma.crafts.register.events.artisan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/**
 * Card events stored before cards carried a check code read back unchanged, with no code: the new component is
 * nullable and Jackson leaves a missing creator property null, so the events keep revision 1 and need no upcaster.
 */
class CardEventsBeforeCheckCodesTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @Test
    void storedCardEventsWithoutACheckCodeStillDeserialise() throws Exception {
        CardIssued issued = json.readValue("""
                {"artisanId":"a1","cardNumber":"C07-2026-000045-3","validFrom":"2026-03-10","validUntil":"2031-03-09"}
                """, CardIssued.class);
        assertThat(issued).isEqualTo(new CardIssued("a1", "C07-2026-000045-3", LocalDate.parse("2026-03-10"),
                LocalDate.parse("2031-03-09"), null));
        CardRenewed renewed = json.readValue("""
                {"artisanId":"a1","cardNumber":"C1","previousValidUntil":"2031-03-09","validUntil":"2036-03-09"}
                """, CardRenewed.class);
        assertThat(renewed.checkCode()).isNull();
        CardReplaced replaced = json.readValue("""
                {"artisanId":"a1","replacedCardNumber":"C1","cardNumber":"C2","validFrom":"2027-01-01",
                 "validUntil":"2031-03-09"}
                """, CardReplaced.class);
        assertThat(replaced.checkCode()).isNull();
        for (Class<?> type : new Class<?>[] {CardIssued.class, CardRenewed.class, CardReplaced.class}) {
            assertThat(type.getAnnotation(Revision.class).value()).as(type.getSimpleName()).isEqualTo("1");
        }
    }
}
