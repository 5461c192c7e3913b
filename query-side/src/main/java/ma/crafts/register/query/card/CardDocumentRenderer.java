package ma.crafts.register.query.card;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Lays out the professional card on one ID-1 page (85.60 × 53.98 mm, ISO/IEC 7810): French on the left, Arabic on
 * the right, the QR code bottom left. PDFBox writes glyphs in the order it is given and knows nothing of Arabic, so
 * Arabic text is first shaped into its joined presentation forms (ICU {@link ArabicShaping}) and then put in visual
 * order ({@link Bidi}), which keeps numbers and Latin runs inside it left to right. The font, DejaVu Sans, is bundled
 * (its licence is beside it) and embedded as a subset, so the card prints the same on any machine.
 */
public class CardDocumentRenderer {

    private static final String FONT = "/fonts/dejavu/DejaVuSans.ttf";
    private static final float POINTS_PER_MM = 72f / 25.4f;
    private static final PDRectangle ID_1 = new PDRectangle(85.60f * POINTS_PER_MM, 53.98f * POINTS_PER_MM);
    private static final float MARGIN = 8f;
    private static final float QR_SIZE = 60f;
    /** The smallest size text is shrunk to when it is too long for its place. */
    private static final float MIN_FONT_SIZE = 4f;

    private final byte[] font;

    public CardDocumentRenderer() {
        try (InputStream in = CardDocumentRenderer.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException("The card font " + FONT + " is missing from the classpath");
            }
            this.font = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] render(PrintedCard card) {
        try (PDDocument document = new PDDocument()) {
            PDFont text = PDType0Font.load(document, new ByteArrayInputStream(font), true);
            PDPage page = new PDPage(ID_1);
            document.addPage(page);
            document.getDocumentInformation().setTitle("Carte professionnelle " + card.cardNumber());
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                new Layout(content, text).draw(card);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Arabic in the order PDFBox must draw it: shaped into joined forms, then reordered right to left. */
    static String visualArabic(String logical) {
        try {
            String shaped = new ArabicShaping(ArabicShaping.LETTERS_SHAPE | ArabicShaping.TEXT_DIRECTION_LOGICAL
                    | ArabicShaping.LENGTH_GROW_SHRINK).shape(logical);
            Bidi bidi = new Bidi();
            bidi.setPara(shaped, Bidi.RTL, null);
            return bidi.writeReordered(Bidi.DO_MIRRORING | Bidi.REMOVE_BIDI_CONTROLS);
        } catch (ArabicShapingException e) {
            throw new IllegalArgumentException("Arabic text cannot be shaped: " + e.getMessage(), e);
        }
    }

    /**
     * A date or code inside Arabic text, kept in its own left-to-right order: without the isolate, the bidi algorithm
     * turns the digits after Arabic letters into Arabic numbers and {@code 2031-12-06} reads {@code 06-12-2031}.
     */
    static String leftToRight(Object text) {
        return "\u2066" + text + "\u2069";
    }

    /** The QR code's modules, without quiet zone: the card's margin around it is white. */
    static BitMatrix qrModules(String content) {
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.MARGIN, 0,
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode the card's check URL as a QR code", e);
        }
    }

    private static final class Layout {
        private final PDPageContentStream content;
        private final PDFont font;
        private final float width = ID_1.getWidth();
        private final float height = ID_1.getHeight();

        Layout(PDPageContentStream content, PDFont font) {
            this.content = content;
            this.font = font;
        }

        void draw(PrintedCard card) throws IOException {
            float half = (width - 2 * MARGIN) / 2 - 2;
            float top = height - MARGIN - 5;
            left("Carte professionnelle d'artisan", top, 6.5f, half);
            right("البطاقة المهنية للصانع التقليدي", top, 6.5f, half);
            left("Chambre d'artisanat " + card.chamber().fr(), top - 9, 6f, half);
            right("غرفة الصناعة التقليدية " + card.chamber().ar(), top - 9, 6f, half);
            rule(top - 13);

            left(card.latinName(), top - 26, 10f, half);
            right(card.arabicName(), top - 26, 10f, half);
            left(card.activity().fr(), top - 37, 7f, width - 2 * MARGIN);
            right(card.activity().ar(), top - 46, 7f, width - 2 * MARGIN);

            float beside = MARGIN + QR_SIZE + 8;
            float room = width - MARGIN - beside;
            left("NIA : " + card.nia(), MARGIN + 50, 7f, beside, room);
            left("N° " + card.cardNumber(), MARGIN + 40, 7f, beside, room);
            left("Valide du " + card.validFrom() + " au " + card.validUntil(), MARGIN + 30, 6.5f, beside, room);
            right("صالحة إلى غاية " + leftToRight(card.validUntil()), MARGIN + 20, 6.5f, room);
            left("Vérification : scannez le code", MARGIN + 4, 5f, beside, room);
            qr(card.checkUrl());
        }

        private void left(String text, float baseline, float size, float room) throws IOException {
            left(text, baseline, size, MARGIN, room);
        }

        private void left(String text, float baseline, float size, float x, float room) throws IOException {
            write(text, x, baseline, fitted(text, size, room));
        }

        private void right(String arabic, float baseline, float size, float room) throws IOException {
            String visual = visualArabic(arabic);
            float fitted = fitted(visual, size, room);
            write(visual, width - MARGIN - widthOf(visual, fitted), baseline, fitted);
        }

        private void write(String text, float x, float baseline, float size) throws IOException {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, baseline);
            content.showText(text);
            content.endText();
        }

        /** A long name or label is set smaller rather than running into the other language's column. */
        private float fitted(String text, float size, float room) throws IOException {
            float fitted = size;
            while (fitted > MIN_FONT_SIZE && widthOf(text, fitted) > room) {
                fitted -= 0.25f;
            }
            return fitted;
        }

        private float widthOf(String text, float size) throws IOException {
            return font.getStringWidth(text) / 1000f * size;
        }

        private void rule(float y) throws IOException {
            content.setLineWidth(0.4f);
            content.moveTo(MARGIN, y);
            content.lineTo(width - MARGIN, y);
            content.stroke();
        }

        /** Each run of dark modules in a row is one rectangle, so a renderer leaves no seams between modules. */
        private void qr(String url) throws IOException {
            BitMatrix modules = qrModules(url);
            float module = QR_SIZE / modules.getWidth();
            for (int row = 0; row < modules.getHeight(); row++) {
                float y = MARGIN + QR_SIZE - (row + 1) * module;
                int column = 0;
                while (column < modules.getWidth()) {
                    if (!modules.get(column, row)) {
                        column++;
                        continue;
                    }
                    int start = column;
                    while (column < modules.getWidth() && modules.get(column, row)) {
                        column++;
                    }
                    content.addRect(MARGIN + start * module, y, (column - start) * module, module);
                }
            }
            content.fill();
        }
    }
}
