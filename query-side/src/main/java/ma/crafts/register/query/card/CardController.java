package ma.crafts.register.query.card;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.crafts.register.query.QueryParameters;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController("queryCardController")
@Tag(name = "Card queries", description = "A card with its status history, for the chambers")
public class CardController {

    private final CardQueries queries;

    public CardController(CardQueries queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/api/v1/cards/{cardNumber}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A card with its whole status history",
            description = "For auditors, ministry analysts and the clerks of the holder's current region (403 for "
                    + "another region); reasons are masked for analysts. Registry administrators get 403.")
    @ApiResponse(responseCode = "200", description = "The card")
    public CardDetails card(
            @PathVariable String cardNumber,
            @Parameter(description = "Global position to wait for (at most 5 s), from a command response",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @RequestParam(required = false) String minPosition) {
        return queries.card(QueryParameters.identifier("cardNumber", cardNumber),
                QueryParameters.minPosition(minPosition));
    }
}
