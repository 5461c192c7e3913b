package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import ma.crafts.register.values.CardCheckCode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The printed card as a partner meets it: a clerk prints the card, the partner scans its QR code from the page and
 * follows the URL it holds, with no token, to the card's check. A new card (here the replacement of a lost one) has a
 * new code; the old code goes on saying that its card is no longer valid.
 */
@SharedRegisterContext
class PrintedCardEndToEndTest {

    @LocalServerPort
    int port;

    private final HttpClient partner = HttpClient.newHttpClient();

    @Test
    void theQrCodeOnThePrintedCardLeadsToTheCardsCheck() throws Exception {
        Api api = new Api(port);
        String clerk = api.token("clerk-printing", List.of("CHAMBER_CLERK"), "MA-07");
        String activityCode = api.get("/api/v1/reference/activities", clerk).body().get("activities").get(0)
                .get("code").asText();
        String cin = "QR" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        Api.Reply registered = api.post("/api/v1/artisans", clerk, Api.artisan(cin, "MA-MAR", activityCode));
        assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
        String artisanId = registered.body().get("artisanId").asText();
        String nia = registered.body().get("nia").asText();
        Api.Reply issued = api.post("/api/v1/artisans/" + artisanId + "/cards", clerk, Map.of());
        assertThat(issued.status()).as(String.valueOf(issued.body())).isEqualTo(201);
        String cardNumber = issued.body().get("cardNumber").asText();
        String checkCode = issued.body().get("checkCode").asText();
        assertThat(CardCheckCode.isWellFormed(checkCode)).as(checkCode).isTrue();
        awaitProjection(api, clerk, artisanId, issued.body().get("position").asLong());

        HttpResponse<byte[]> pdf = api.download("/api/v1/cards/" + cardNumber + "/document", clerk);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        String scanned;
        try (PDDocument card = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(card)).contains("Fatima Zahra", nia, cardNumber);
            scanned = qrCodeOf(new PDFRenderer(card).renderImageWithDPI(0, 300));
        }
        assertThat(scanned).isEqualTo("http://127.0.0.1:" + port + "/api/v1/card-checks/" + checkCode);

        JsonNode check = follow(scanned);
        assertThat(check.get("valid").asBoolean()).isTrue();
        assertThat(check.get("status").asText()).isEqualTo("VALID");
        assertThat(check.get("validUntil").asText()).isEqualTo(issued.body().get("validUntil").asText());
        assertThat(check.get("activityCode").asText()).isEqualTo(activityCode);
        assertThat(check.get("holderInitials").asText()).isEqualTo("F. Z.");
        assertThat(check.get("eligibleProgrammes").isArray()).isTrue();
        assertThat(check.get("eligibleProgrammes")).isNotEmpty();

        assertThat(api.post("/api/v1/cards/" + cardNumber + "/loss-report", clerk, null).status()).isEqualTo(200);
        Api.Reply replaced = api.post("/api/v1/cards/" + cardNumber + "/replacement", clerk, null);
        assertThat(replaced.status()).as(String.valueOf(replaced.body())).isEqualTo(201);
        String newCode = replaced.body().get("checkCode").asText();
        assertThat(newCode).isNotEqualTo(checkCode);
        awaitProjection(api, clerk, artisanId, replaced.body().get("position").asLong());

        JsonNode lost = follow(scanned);
        assertThat(lost.get("valid").asBoolean()).isFalse();
        assertThat(lost.get("status").asText()).isEqualTo("LOST");
        assertThat(follow("http://127.0.0.1:" + port + "/api/v1/card-checks/" + newCode).get("valid").asBoolean())
                .isTrue();
        assertThat(api.download("/api/v1/cards/" + cardNumber + "/document", clerk).statusCode())
                .as("a lost card is not printed").isEqualTo(409);
    }

    private static void awaitProjection(Api api, String clerk, String artisanId, long position) {
        assertThat(api.get("/api/v1/artisans/" + artisanId + "?minPosition=" + position, clerk).status())
                .isEqualTo(200);
    }

    private static String qrCodeOf(BufferedImage page) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page)));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
                    DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE))).getText();
        } catch (NotFoundException notFound) {
            throw new AssertionError("No QR code found on the rendered card", notFound);
        }
    }

    /** What a partner's phone does with the scanned URL: a plain GET, without any token. */
    private JsonNode follow(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = partner.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.JSON.readTree(response.body());
    }
}
