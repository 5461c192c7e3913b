package ma.crafts.register.query.artisan;

import java.util.Locale;
import java.util.regex.Pattern;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.platform.privacy.PersonalDataVault;

/** The keys an artisan is looked up by; the projection and the lookup must build them alike. */
final class ArtisanLookupKeys {

    private static final Pattern CIN = Pattern.compile("[A-Z]{1,2}[0-9]{1,6}");

    private ArtisanLookupKeys() {
    }

    static String nia(String nia) {
        return "nia:" + nia;
    }

    /** The CIN normalised as the register does on registration (no spaces, upper case), then fingerprinted. */
    static String cin(PersonalDataVault vault, String cin) {
        return "cin:" + vault.cinFingerprint(normalise(cin));
    }

    /**
     * A CIN from a request, checked for its form; the message does not repeat it, so that it is not logged.
     *
     * @throws InvalidInputException when it is not 1-2 letters then 1-6 digits
     */
    static String requestedCin(String raw) {
        String cin = normalise(raw);
        if (!CIN.matcher(cin).matches()) {
            throw new InvalidInputException("cin", "must be 1-2 letters then 1-6 digits");
        }
        return cin;
    }

    private static String normalise(String cin) {
        return cin.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }
}
