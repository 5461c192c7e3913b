package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The register in a JVM of its own, with the test's classpath, on the embedded H2-backed store in a data dir, so that a
 * test can {@code kill -9} it (the JVM's own shutdown hooks would flush and close what a crash does not) and start it
 * again on the same data.
 */
final class RegisterProcess {

    private final Process process;
    private final Path log;
    private final Api api;

    private RegisterProcess(Process process, Path log, Api api) {
        this.process = process;
        this.log = log;
        this.api = api;
    }

    /**
     * Starts the register on the data in {@code work}/data, its keys in {@code work}/keys (outside the data, as the
     * register demands), with development tokens, logging to {@code work}/{@code run}.log; returns once it is healthy.
     */
    static RegisterProcess start(Path work, String run, String... settings) throws IOException, InterruptedException {
        Path dataDir = Files.createDirectories(work.resolve("data"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = java(
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--register.auth.mode=dev",
                "--register.data-dir=" + dataDir,
                "--register.key-dir=" + work.resolve("keys"),
                "--register.mongodb.embedded.backend=h2",
                "--register.mongodb.embedded.port=0");
        command.addAll(List.of(settings));
        Path log = work.resolve(run + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RegisterProcess register = new RegisterProcess(process, log, new Api(port));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (true) {
            assertThat(process.isAlive()).as("the register runs; its log:\n%s", register.tail()).isTrue();
            assertThat(System.nanoTime()).as("the register started in time; its log:\n%s", register.tail())
                    .isLessThan(deadline);
            try {
                if (register.api.get("/actuator/health", null).status() == 200) {
                    return register;
                }
            } catch (IllegalStateException notListeningYet) {
                // the port opens once the application has started
            }
            Thread.sleep(250);
        }
    }

    /** A JVM of its own running the standalone jar's main class, as the launcher runs it, with the test's classpath. */
    static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RegisterApplication.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    Api api() {
        return api;
    }

    /** {@code kill -9}: nothing runs in the register after it. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops the register if it still runs, gently first. */
    void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
