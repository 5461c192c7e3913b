package ma.crafts.register.command.programme;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import ma.crafts.register.errors.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Loads a new register with the programmes of the seed file ({@code register.programmes.file}, by default the
 * bundled {@code programmes/seed.json}), once: afterwards the programmes' events are the truth and the file is not
 * read again for a programme that has a stream. The programme id is the aggregate id, so a restart, or a second
 * process seeding at the same moment, finds the stream or collides with it in the store, and leaves it as it is.
 * Each seeded programme goes through the same checks as one defined over the API; a file with a bad rule stops the
 * start with every problem listed.
 */
public class ProgrammeSeed implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(ProgrammeSeed.class);

    /**
     * @param version       the file's own version, quoted in every seeded programme's reason
     * @param effectiveFrom when the file's rules came into force
     * @param notice        the file's note to its readers; not stored
     */
    record SeedFile(String version, Instant effectiveFrom, String notice, List<ProgrammeRequest> programmes) {
    }

    private final ProgrammeRegistry registry;
    private final Resource file;
    private final ObjectMapper json;

    public ProgrammeSeed(ProgrammeRegistry registry, Resource file, ObjectMapper json) {
        this.registry = registry;
        this.file = file;
        this.json = json;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        seed();
    }

    /** Defines every programme of the file that has no stream yet; returns how many it defined. */
    public int seed() {
        SeedFile seed = read();
        int defined = 0;
        for (ProgrammeRequest programme : seed.programmes()) {
            if (registry.isDefined(programme.programId())) {
                continue;
            }
            try {
                registry.define(new DefineProgramme(programme.programId(), programme.terms(), seed.effectiveFrom(),
                        "Seeded from " + file.getDescription() + ", version " + seed.version()));
                defined++;
            } catch (RuleViolationException definedConcurrently) {
                log.info("Programme {} was seeded by another process", programme.programId());
            }
        }
        if (defined > 0) {
            log.info("Seeded {} programmes from {}", defined, file.getDescription());
        }
        return defined;
    }

    private SeedFile read() {
        try (InputStream in = file.getInputStream()) {
            SeedFile seed = json.readValue(in, SeedFile.class);
            if (seed.programmes() == null || seed.effectiveFrom() == null || seed.version() == null) {
                throw new IllegalStateException("Programme seed " + file.getDescription()
                        + " needs version, effectiveFrom and programmes");
            }
            return seed;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the programme seed " + file.getDescription(), e);
        }
    }

    /** {@code classpath:}/{@code file:} locations as Spring resolves them; a bare path is a file, not a resource. */
    static Resource resource(ResourceLoader resources, String location) {
        String trimmed = location.trim();
        if (trimmed.startsWith("classpath:") || trimmed.contains("://") || trimmed.startsWith("file:")) {
            return resources.getResource(trimmed);
        }
        return resources.getResource("file:" + trimmed);
    }
}
