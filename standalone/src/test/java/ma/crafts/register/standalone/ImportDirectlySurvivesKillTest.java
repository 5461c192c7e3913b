package ma.crafts.register.standalone;

import static ma.crafts.register.standalone.RegisterProcess.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code register import --direct} killed with {@code kill -9} mid-file, in a JVM of its own on the H2 store, then the
 * same command run again: it resumes its job after the last committed row and ends as an uninterrupted import of the
 * file ends, which the file's construction says row by row (which rows are invalid, which repeat the row before).
 */
class ImportDirectlySurvivesKillTest {
    private static final int ROWS = 900;
    private static final Pattern ROWS_READ = Pattern.compile("RUNNING \\d+%: ([\\d,]+) rows");

    @TempDir
    Path work;

    private Process command;

    @AfterEach
    void stopTheCommand() throws InterruptedException {
        if (command != null && command.isAlive()) {
            command.destroyForcibly().waitFor();
        }
    }

    @Test
    void aKilledDirectImportResumesWhenTheSameCommandRunsAgain() throws Exception {
        KilledImportFile file = KilledImportFile.of(ROWS, "KD", "B08-001");
        Path csv = Files.writeString(work.resolve("register.csv"), file.csv(), StandardCharsets.UTF_8);

        Path firstLog = work.resolve("first.log");
        command = start(csv, firstLog);
        await("the import to be well under way", () -> rowsRead(firstLog) >= ROWS / 5);
        command.destroyForcibly().waitFor();
        assertThat(Files.readString(firstLog)).doesNotContain("COMPLETED import");

        Path secondLog = work.resolve("second.log");
        command = start(csv, secondLog);
        assertThat(command.waitFor(300, TimeUnit.SECONDS)).as("the second run ends").isTrue();
        String second = Files.readString(secondLog);
        assertThat(command.exitValue()).as(second).isZero();
        assertThat(second).contains(" resumed after ");
        assertThat(second).contains(String.format(Locale.ROOT, "COMPLETED import %s: %,d rows read, %,d accepted, "
                        + "%,d rejected, %,d already present", jobId(firstLog), ROWS, file.accepted(),
                file.invalidRows().size(), file.repeats()));
        List<Long> rejectedRows = new ArrayList<>();
        Files.readString(work.resolve("rejected.csv")).lines().skip(1)
                .forEach(line -> rejectedRows.add(Long.parseLong(line.substring(0, line.indexOf(',')))));
        assertThat(rejectedRows).as("each rejected row once, in row order").containsExactlyElementsOf(file.invalidRows());
    }

    private Process start(Path file, Path log) throws IOException {
        List<String> command = RegisterProcess.java("import", file.toString(), "--kind=artisans", "--region=MA-07",
                "--direct", "--progress=lines", "--poll-seconds=0.2", "--errors-to=" + work.resolve("rejected.csv"),
                "-Dregister.data-dir=" + work.resolve("data"), "-Dregister.key-dir=" + work.resolve("keys"),
                "-Dregister.mongodb.embedded.backend=h2", "-Dregister.mongodb.embedded.port=0",
                "-Dregister.imports.save-every=PT0.2S");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static long rowsRead(Path log) {
        long read = 0;
        Matcher running = ROWS_READ.matcher(readable(log));
        while (running.find()) {
            read = Long.parseLong(running.group(1).replace(",", ""));
        }
        return read;
    }

    private static String jobId(Path log) {
        Matcher started = Pattern.compile("import (\\S+) of register.csv").matcher(readable(log));
        assertThat(started.find()).as("the first run named its job").isTrue();
        return started.group(1);
    }

    private static String readable(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
