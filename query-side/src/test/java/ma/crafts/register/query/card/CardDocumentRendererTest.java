package ma.crafts.register.query.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import ma.crafts.register.values.LocalizedText;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CardDocumentRendererTest {

    @Test
    void arabicIsJoinedAndLaidOutRightToLeft() {
        // فاطمة: feh initial, alef final, tah initial, meem medial, teh marbuta final; drawn last letter first.
        assertThat(CardDocumentRenderer.visualArabic("فاطمة"))
                .isEqualTo("\uFE94\uFEE4\uFEC3\uFE8E\uFED3");
        // A date inside Arabic keeps its own left-to-right order, and the isolate marks are not drawn.
        String validity = CardDocumentRenderer.visualArabic("صالحة إلى غاية "
                + CardDocumentRenderer.leftToRight("2031-12-06"));
        assertThat(validity).startsWith("2031-12-06 ").doesNotContain("\u2066", "\u2069");
    }

    @Test
    void theCardIsOneIdOnePageWithItsEmbeddedFont() throws Exception {
        byte[] pdf = new CardDocumentRenderer().render(new PrintedCard(
                new LocalizedText("جهة مراكش آسفي", "Marrakech-Safi"), "Fatima Zahra", "فاطمة الزهراء",
                "N07-2026-000123-4", new LocalizedText("الخزف", "Poterie"), "C07-2026-000045-3",
                LocalDate.parse("2026-03-10"), LocalDate.parse("2031-03-09"),
                "https://rna.example.ma/api/v1/card-checks/checkCodeOfTheFirstCrd"));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(document.getPage(0).getMediaBox().getWidth()).isCloseTo(242.6f, Offset.offset(0.1f));
            PDFont font = document.getPage(0).getResources().getFont(
                    document.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font.isEmbedded()).isTrue();
            assertThat(new PDFTextStripper().getText(document))
                    .contains("Fatima Zahra", "N07-2026-000123-4", "Poterie", "Marrakech-Safi", "2031-03-09");
        }
    }
}
