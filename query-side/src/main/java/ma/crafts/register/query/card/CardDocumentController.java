package ma.crafts.register.query.card;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.crafts.register.query.QueryParameters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The printable professional card. Its QR code leads to the public check of the card's code, at
 * {@code register.cards.public-base-url} when set (the address partners reach the register at, e.g. behind a
 * gateway), else at the address this request came in on.
 */
@RestController
@Tag(name = "Cards: printing", description = "The professional card as a PDF")
public class CardDocumentController {

    static final String CHECK_PATH = "/api/v1/card-checks/{code}";

    private final CardDocuments documents;
    private final String publicBaseUrl;

    public CardDocumentController(CardDocuments documents,
                                  @Value("${register.cards.public-base-url:}") String publicBaseUrl) {
        this.documents = documents;
        this.publicBaseUrl = publicBaseUrl.strip();
    }

    @GetMapping(path = "/api/v1/cards/{cardNumber}/document", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(operationId = "printCard", summary = "The printable professional card (PDF)",
            description = "One ID-1 page: the holder's name in Arabic and Latin script, the NIA, the activity, the "
                    + "validity, the chamber and a QR code holding the URL of `GET /api/v1/card-checks/{code}` with the "
                    + "card's unguessable check code. Chamber clerks of the holder's current region and auditors; a "
                    + "ministry analyst, who sees personal data masked, gets 403.")
    @ApiResponse(responseCode = "200", description = "The card",
            content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE,
                    schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "No card has that number")
    @ApiResponse(responseCode = "409", description = "`/problems/rule-violation`: card-not-valid, "
            + "card-without-check-code, personal-data-erased")
    public ResponseEntity<byte[]> document(@PathVariable String cardNumber) {
        String number = QueryParameters.identifier("cardNumber", cardNumber);
        byte[] pdf = documents.document(number, code -> checkBase().path(CHECK_PATH).buildAndExpand(code).toUriString());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename("carte-" + number + ".pdf").build().toString())
                .body(pdf);
    }

    private UriComponentsBuilder checkBase() {
        return publicBaseUrl.isEmpty() ? ServletUriComponentsBuilder.fromCurrentContextPath()
                : UriComponentsBuilder.fromUriString(publicBaseUrl);
    }
}
