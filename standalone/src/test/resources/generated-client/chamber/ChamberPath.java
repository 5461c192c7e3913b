package chamber;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.openapitools.client.ApiClient;
import org.openapitools.client.ApiException;
import org.openapitools.client.api.ArtisanQueriesApi;
import org.openapitools.client.api.ArtisansCommandsApi;
import org.openapitools.client.api.CardVerificationApi;
import org.openapitools.client.api.CardsCommandsApi;
import org.openapitools.client.api.ReferenceDataApi;
import org.openapitools.client.model.ArtisanRegisteredResponse;
import org.openapitools.client.model.ArtisanView;
import org.openapitools.client.model.CardIssuedResponse;
import org.openapitools.client.model.CardVerification;
import org.openapitools.client.model.PersonName;
import org.openapitools.client.model.QualificationRequest;
import org.openapitools.client.model.RegisterArtisanRequest;

/**
 * A chamber's first path, coded against the Java client OpenAPI Generator makes from the served document, the way a
 * chamber codes it: register an artisan, read it back once the card is in the view, issue the card, verify it
 * anonymously, and have a malformed CIN refused. GeneratedClientTest compiles it with the generated sources and
 * checks what it saw.
 */
public final class ChamberPath implements BiFunction<String, String, Map<String, Object>> {

    @Override
    public Map<String, Object> apply(String baseUri, String clerkToken) {
        ApiClient clerk = new ApiClient();
        clerk.updateBaseUri(baseUri);
        clerk.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + clerkToken));
        ApiClient anonymous = new ApiClient();
        anonymous.updateBaseUri(baseUri);
        Map<String, Object> seen = new LinkedHashMap<>();
        try {
            String activityCode = new ReferenceDataApi(clerk).activities().getActivities().get(0).getCode();
            ArtisansCommandsApi artisans = new ArtisansCommandsApi(clerk);

            ArtisanRegisteredResponse registered = artisans.registerArtisan(null, artisan("GC482913", activityCode));
            seen.put("artisanId", registered.getArtisanId());
            seen.put("nia", registered.getNia());

            CardIssuedResponse card = new CardsCommandsApi(clerk).issueCard(registered.getArtisanId(), null);
            seen.put("cardNumber", card.getCardNumber());

            ArtisanView view = new ArtisanQueriesApi(clerk).artisan(registered.getArtisanId(), null, card.getPosition());
            seen.put("viewArtisanId", view.getArtisanId());
            seen.put("viewCardNumber", view.getCard() == null ? null : view.getCard().getCardNumber());

            CardVerification verification = new CardVerificationApi(anonymous).verify(card.getCardNumber(), null);
            seen.put("verificationValid", verification.getValid());
            seen.put("verificationStatus", String.valueOf(verification.getStatus()));
        } catch (ApiException unexpected) {
            throw new IllegalStateException(unexpected.getCode() + " " + unexpected.getResponseBody(), unexpected);
        }
        try {
            new ArtisansCommandsApi(clerk).registerArtisan(null, artisan("123-ABC", "B01-001"));
            seen.put("badCinStatus", 201);
        } catch (ApiException rejected) {
            seen.put("badCinStatus", rejected.getCode());
            seen.put("badCinBody", rejected.getResponseBody());
        }
        return seen;
    }

    private static RegisterArtisanRequest artisan(String cin, String activityCode) {
        return new RegisterArtisanRequest()
                .cin(cin)
                .firstName(new PersonName().ar("فاطمة").fr("Fatima"))
                .lastName(new PersonName().ar("الزهراء").fr("Zahra"))
                .birthDate(LocalDate.of(1984, 3, 2))
                .gender(RegisterArtisanRequest.GenderEnum.F)
                .phone("+212612345678")
                .address("Derb Dabachi 12, Marrakech")
                .provinceCode("MA-MAR")
                .activityCode(activityCode)
                .qualification(new QualificationRequest().route(QualificationRequest.RouteEnum.EXPERIENCE).yearsOfPractice(12));
    }
}
