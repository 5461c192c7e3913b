package ma.crafts.register.command.imports;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import ma.crafts.register.command.CommandGatewayReceipts;
import ma.crafts.register.command.EventStreams;
import ma.crafts.register.command.RequestValidation;
import ma.crafts.register.command.artisan.ArtisanRecords;
import ma.crafts.register.command.artisan.ArtisanRegistration;
import ma.crafts.register.command.artisan.CinReservations;
import ma.crafts.register.command.card.CardIssuing;
import ma.crafts.register.command.cooperative.ActorEnrolment;
import ma.crafts.register.command.numbering.IssuedNumbers;
import ma.crafts.register.platform.PlatformProperties;
import ma.crafts.register.platform.privacy.PersonalDataVault;
import ma.crafts.register.platform.problem.ProblemWriter;
import ma.crafts.register.platform.security.AccessPolicy;
import ma.crafts.register.platform.security.CurrentActor;
import ma.crafts.register.platform.security.Role;
import ma.crafts.register.reference.Geography;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Bulk imports. Settings: {@code register.imports.concurrency} (rows in flight per job, 32: enough for the event
 * store's group commit to batch them), {@code register.imports.save-every} (how often a job stores its progress,
 * PT0.5S) and {@code register.imports.resume-at-start} (true: the unfinished jobs whose files this machine holds are
 * resumed at start-up; the command line's direct mode resumes its own job only). Files live under
 * {@code DATA_DIR/imports/}.
 */
@Configuration(proxyBeanMethods = false)
public class ImportConfiguration {

    @Bean
    public ImportFiles importFiles(PlatformProperties properties) {
        return new ImportFiles(properties.dataDir().toAbsolutePath().normalize().resolve("imports"));
    }

    @Bean
    public RowMapper artisanRows(RequestValidation validation, ArtisanRegistration registration,
                                 CinReservations cinReservations, ArtisanRecords records, PersonalDataVault vault,
                                 Geography geography) {
        return new ArtisanRows(validation, registration, cinReservations, records, vault, geography);
    }

    @Bean
    ArtisanReferences importArtisanReferences(CinReservations cinReservations, IssuedNumbers issuedNumbers,
                                              ArtisanRecords records, PersonalDataVault vault) {
        return new ArtisanReferences(cinReservations, issuedNumbers, records, vault);
    }

    @Bean
    public RowMapper cooperativeRows(RequestValidation validation, ActorEnrolment enrolment, ImportKeys keys,
                                     PersonalDataVault vault, EventStreams streams, Geography geography) {
        return new CooperativeRows(validation, enrolment, keys, vault, streams, geography);
    }

    @Bean
    public RowMapper enterpriseRows(RequestValidation validation, ActorEnrolment enrolment, ImportKeys keys,
                                    PersonalDataVault vault, EventStreams streams, Geography geography,
                                    ArtisanReferences importArtisanReferences, CurrentActor actor) {
        return new EnterpriseRows(validation, enrolment, keys, vault, streams, geography, importArtisanReferences,
                actor::region);
    }

    @Bean
    public RowMapper cardRows(ArtisanReferences importArtisanReferences, CardIssuing issuing, CurrentActor actor) {
        return new CardRows(importArtisanReferences, issuing, actor::region);
    }

    @Bean
    public RowMapper membershipRows(ArtisanReferences importArtisanReferences, RequestValidation validation,
                                    CommandGatewayReceipts commands, EventStreams streams, CurrentActor actor) {
        return new MembershipRows(importArtisanReferences, validation, commands, streams, actor::region);
    }

    /** A row's actor: the job's caller as a clerk of the row's region, with the claims a clerk's token carries. */
    @Bean
    public RowActor importRowActor() {
        return (subject, regionCode) -> {
            Jwt.Builder token = Jwt.withTokenValue("import-job").header("alg", "none").subject(subject)
                    .claim(CurrentActor.ROLES_CLAIM, List.of(Role.CHAMBER_CLERK.name()));
            if (regionCode != null) {
                token.claim(CurrentActor.REGION_CLAIM, regionCode);
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new JwtAuthenticationToken(token.build(),
                    List.of(new SimpleGrantedAuthority("ROLE_" + Role.CHAMBER_CLERK.name())), subject));
            return context;
        };
    }

    @Bean
    public ImportJobRunner importJobRunner(List<RowMapper> mappers, ImportFiles files, ImportJobs jobs, RowActor actor,
                                           @Value("${register.imports.concurrency:32}") int concurrency,
                                           @Value("${register.imports.save-every:PT0.5S}") Duration saveEvery,
                                           @Value("${register.imports.resume-at-start:true}") boolean resumeAtStart) {
        return new ImportJobRunner(mappers, files, jobs, actor, RowReasons.load(), concurrency, saveEvery.toMillis(),
                resumeAtStart, Clock.systemUTC());
    }

    @Bean
    public Imports imports(ImportJobRunner runner, ImportJobs jobs, ImportFiles files, Geography geography) {
        return new Imports(runner, jobs, files, geography);
    }

    @Bean
    public ImportController importController(Imports imports, AccessPolicy access, CurrentActor actor,
                                             ProblemWriter problems) {
        return new ImportController(imports, access, actor, problems, Clock.systemUTC());
    }
}
