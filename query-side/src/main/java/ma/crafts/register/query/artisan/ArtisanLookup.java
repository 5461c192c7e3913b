package ma.crafts.register.query.artisan;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Optional;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.query.CallerRateLimit;
import ma.crafts.register.query.QueryParameters;
import ma.crafts.register.query.ReadAccess;
import ma.crafts.register.query.artisan.mongo.ArtisanLookupRepository;
import ma.crafts.register.query.artisan.mongo.ArtisanViewRepository;
import ma.crafts.register.query.readlog.PersonalDataReadLog;

/**
 * Finds the artisan registered under a CIN or a NIA, for auditors and the clerks of the artisan's current region. An
 * artisan of another region gets the very same 404 as an unknown key, and each caller has a limited number of calls,
 * so the endpoint cannot be used to learn whether a CIN is registered.
 */
public class ArtisanLookup {

    /** The one answer for unknown and out-of-region keys alike. */
    static final String NOT_FOUND = "No artisan of your region is registered under this identifier";

    private final ArtisanLookupRepository lookup;
    private final ArtisanViewRepository views;
    private final PersonalDataVault vault;
    private final ReadAccess access;
    private final CallerRateLimit rateLimit;
    private final PersonalDataReadLog readLog;

    public ArtisanLookup(ArtisanLookupRepository lookup, ArtisanViewRepository views, PersonalDataVault vault,
                         ReadAccess access, CallerRateLimit rateLimit, PersonalDataReadLog readLog) {
        this.readLog = readLog;
        this.lookup = lookup;
        this.views = views;
        this.vault = vault;
        this.access = access;
        this.rateLimit = rateLimit;
    }

    /** {@code {"artisanId"}}. */
    @Schema(name = "ArtisanLookupResult")
    public record Result(String artisanId) {
    }

    public Result lookUp(String cin, String nia) {
        access.requireLookup();
        rateLimit.acquire(access.caller());
        String requestedCin = QueryParameters.optional(cin);
        String requestedNia = QueryParameters.optional(nia);
        if ((requestedCin == null) == (requestedNia == null)) {
            throw new InvalidInputException(requestedCin == null ? "cin" : "nia",
                    "give exactly one of cin and nia");
        }
        String key = requestedCin != null
                ? ArtisanLookupKeys.cin(vault, ArtisanLookupKeys.requestedCin(requestedCin))
                : ArtisanLookupKeys.nia(QueryParameters.identifier("nia", requestedNia));
        Optional<ArtisanState> artisan = lookup.find(key).flatMap(views::find);
        if (artisan.isEmpty() || !access.mayLookUp(artisan.get().regionCode())) {
            throw new NotFoundException(NOT_FOUND);
        }
        if (requestedCin != null) {
            // Once erased, the CIN names nobody; otherwise the answer ties it to the artisan: a read of its CIN.
            if (artisan.get().personalData() == null || vault.open(artisan.get().personalData()).isEmpty()) {
                throw new NotFoundException(NOT_FOUND);
            }
            readLog.record(artisan.get().artisanId(), List.of("cin"));
        }
        return new Result(artisan.get().artisanId());
    }
}
