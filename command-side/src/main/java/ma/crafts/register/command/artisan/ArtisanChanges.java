package ma.crafts.register.command.artisan;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.CommandGatewayReceipts.Appended;
import ma.crafts.register.command.LatestSealedData;
import ma.crafts.register.command.RegisterPolicy;
import ma.crafts.register.errors.InvalidInputException;
import ma.crafts.register.errors.NotFoundException;
import ma.crafts.register.errors.RuleViolationException;
import ma.crafts.register.events.artisan.ArtisanDetailsAmended;
import ma.crafts.register.events.artisan.ArtisanRelocated;
import ma.crafts.register.events.artisan.MasterArtisanStatusGranted;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.reference.Geography;
import ma.crafts.register.values.LocalizedText;
import ma.crafts.register.values.PersonalData;
import ma.crafts.register.values.SealedPersonalData;

/**
 * Changes to an artisan that touch its personal data (amendments, relocation) or need it for a check (master-artisan
 * status against the artisan's age). Personal data is handled as at registration: the current data is opened here,
 * changed, checked with {@link ApplicantRules} and sealed again with the artisan's key before the command leaves; the
 * aggregate and the event store only ever see the sealed form.
 *
 * <p>The change is merged into the latest sealed data, again if another change was recorded in between
 * ({@link LatestSealedData}).
 */
public class ArtisanChanges {

    public record RelocationRequestData(String provinceCode, String address) {
    }

    private final CommandGatewayReceipts commands;
    private final AccessPolicy access;
    private final PersonalDataVault vault;
    private final ArtisanRecords records;
    private final Geography geography;
    private final RegisterPolicy policy;

    public ArtisanChanges(CommandGatewayReceipts commands, AccessPolicy access, PersonalDataVault vault,
                          ArtisanRecords records, Geography geography, RegisterPolicy policy) {
        this.commands = commands;
        this.access = access;
        this.vault = vault;
        this.records = records;
        this.geography = geography;
        this.policy = policy;
    }

    /** Call after the caller's role was checked and the request passed bean validation. */
    public Appended<ArtisanDetailsAmended> amend(String artisanId, AmendArtisanRequest request, String actingRegion) {
        if (request.isEmpty()) {
            throw new InvalidInputException("body", "name at least one of firstName, lastName, phone, address, activityCode");
        }
        String activityCode = request.activityCode() == null || request.activityCode().isBlank()
                ? null : request.activityCode().strip();
        boolean personal = request.firstName() != null || request.lastName() != null || request.phone() != null
                || request.address() != null;
        return withLatest(artisanId, current -> {
            List<String> changed = new ArrayList<>();
            SealedPersonalData sealed = null;
            if (personal) {
                PersonalData before = open(current);
                PersonalData after = ApplicantRules.amend(before, text(request.firstName()), text(request.lastName()),
                        request.phone(), request.address());
                addIfChanged(changed, "firstName", before.firstName(), after.firstName());
                addIfChanged(changed, "lastName", before.lastName(), after.lastName());
                addIfChanged(changed, "phone", before.phone(), after.phone());
                addIfChanged(changed, "address", before.address(), after.address());
                if (!changed.isEmpty()) {
                    sealed = vault.seal(artisanId, after);
                }
            }
            return commands.send(new AmendArtisanDetails(artisanId, changed, sealed, current.personalData(), activityCode,
                    actingRegion), artisanId, ArtisanDetailsAmended.class);
        });
    }

    public Appended<ArtisanRelocated> relocate(String artisanId, RelocationRequestData request, String actingRegion) {
        Geography.Province province = geography.province(request.provinceCode().strip()).orElseThrow(() ->
                new InvalidInputException("provinceCode", "'" + request.provinceCode()
                        + "' is not an ISO 3166-2:MA prefecture or province code"));
        return withLatest(artisanId, current -> {
            PersonalData after = ApplicantRules.amend(open(current), null, null, null, request.address());
            SealedPersonalData sealed = vault.seal(artisanId, after);
            return commands.send(new RelocateArtisan(artisanId, province.code(), sealed, current.personalData(),
                    actingRegion), artisanId, ArtisanRelocated.class);
        });
    }

    /** The years attested are checked against the artisan's age, as at registration, while the data is readable. */
    public Appended<MasterArtisanStatusGranted> grantMasterStatus(String artisanId, int yearsOfPractice,
                                                                  String evidenceRef, String actingRegion) {
        ArtisanRecords.Current current = currentAndAccessible(artisanId);
        Optional<PersonalData> personalData = current.personalData() == null ? Optional.empty()
                : vault.open(current.personalData());
        // Once erased the age is unknown; the attestation of experience then stands on its own.
        personalData.map(PersonalData::birthDate).filter(Objects::nonNull).ifPresent(birthDate -> {
            int age = Period.between(birthDate, policy.today()).getYears();
            if (yearsOfPractice > age) {
                throw new InvalidInputException("yearsOfPractice", "cannot exceed the artisan's age (" + age + ")");
            }
        });
        return commands.send(new GrantMasterArtisanStatus(artisanId, yearsOfPractice, evidenceRef, actingRegion),
                artisanId, MasterArtisanStatusGranted.class);
    }

    private <R> Appended<R> withLatest(String artisanId, Function<ArtisanRecords.Current, Appended<R>> change) {
        return LatestSealedData.merge(() -> currentAndAccessible(artisanId), change);
    }

    /** 404 for no artisan, then 403 for a clerk of another region, before any personal data is opened. */
    private ArtisanRecords.Current currentAndAccessible(String artisanId) {
        ArtisanRecords.Current current = records.current(artisanId)
                .orElseThrow(() -> new NotFoundException("No artisan is registered under " + artisanId));
        access.requireWriteAccessToRegion(current.regionCode());
        return current;
    }

    private PersonalData open(ArtisanRecords.Current current) {
        Optional<PersonalData> opened = current.personalData() == null ? Optional.empty() : vault.open(current.personalData());
        return opened.orElseThrow(() -> new RuleViolationException("personal-data-erased",
                "Artisan " + current.artisanId() + "'s personal data has been erased and can no longer be changed"));
    }

    private static LocalizedText text(RegisterArtisanRequest.Name name) {
        return name == null ? null : new LocalizedText(name.ar(), name.fr());
    }

    private static void addIfChanged(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }
}
