package ma.crafts.register.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Chambers generate their clients from {@code /v3/api-docs}: this generates one as they do, with OpenAPI Generator's
 * Java client (native library), compiles it, and runs a chamber's path with it ({@code generated-client/chamber/
 * ChamberPath.java}, coded against the generated API). A document a generator reads wrongly, such as two types under
 * one schema name, shows here as the wrong field read, and an operation renamed in the document as code that no longer
 * compiles.
 */
@SharedRegisterContext
class GeneratedClientTest {
    /** Copied by the build (maven-dependency-plugin); the generator runs in a JVM of its own, as a chamber runs it. */
    private static final Path GENERATOR_CLI = Path.of(System.getProperty("openapi-generator.cli",
            "target/openapi-generator/openapi-generator-cli.jar"));
    private static final String CHAMBER_PATH = "generated-client/chamber/ChamberPath.java";

    @LocalServerPort
    int port;
    @TempDir
    Path work;

    @Test
    void aClientGeneratedFromTheServedDocumentRegistersReadsIssuesAndVerifies() throws Exception {
        Api api = new Api(port);
        Path document = work.resolve("openapi.json");
        Files.writeString(document, api.get("/v3/api-docs", null).raw().body(), StandardCharsets.UTF_8);
        Path sources = generateClient(document, work.resolve("client"));
        Path chamberPath = sources.resolve(CHAMBER_PATH.substring("generated-client/".length()));
        Files.createDirectories(chamberPath.getParent());
        try (InputStream code = getClass().getClassLoader().getResourceAsStream(CHAMBER_PATH)) {
            Files.copy(code, chamberPath);
        }
        Path classes = compile(sources, work.resolve("classes"));

        Map<String, Object> seen;
        try (URLClassLoader client = new URLClassLoader(new URL[]{classes.toUri().toURL()}, getClass().getClassLoader())) {
            @SuppressWarnings("unchecked")
            BiFunction<String, String, Map<String, Object>> chamber = (BiFunction<String, String, Map<String, Object>>)
                    client.loadClass("chamber.ChamberPath").getConstructor().newInstance();
            seen = chamber.apply("http://127.0.0.1:" + port,
                    api.token("clerk-generated-client", List.of("CHAMBER_CLERK"), "MA-07"));
        }

        assertThat(seen.get("artisanId")).as("the id the registration answered").isNotNull();
        assertThat(seen.get("nia")).isNotNull();
        assertThat(seen.get("viewArtisanId")).as("the view read with minPosition").isEqualTo(seen.get("artisanId"));
        assertThat(seen.get("viewCardNumber")).as("the view waited for the card").isEqualTo(seen.get("cardNumber"));
        assertThat(seen.get("verificationValid")).isEqualTo(true);
        assertThat(seen.get("verificationStatus")).isEqualTo("VALID");
        assertThat(seen.get("badCinStatus")).as(String.valueOf(seen.get("badCinBody"))).isEqualTo(400);
        assertThat(Api.JSON.readTree((String) seen.get("badCinBody")).path("type").asText()).isEqualTo("/problems/validation");
    }

    /** @return the generated Java sources' root */
    private static Path generateClient(Path document, Path output) throws IOException, InterruptedException {
        assertThat(GENERATOR_CLI).as("the build copies the generator's CLI jar").exists();
        Path log = output.resolveSibling("generator.log");
        Process generator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", GENERATOR_CLI.toString(), "generate", "-i", document.toString(), "-o", output.toString(),
                "-g", "java", "--library", "native",
                "--global-property", "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = generator.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            generator.destroyForcibly();
        }
        assertThat(finished && generator.exitValue() == 0)
                .as("openapi-generator succeeded:%n%s", Files.readString(log)).isTrue();
        return output.resolve("src/main/java");
    }

    private static Path compile(Path sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<File> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
        }
        Files.createDirectories(classes);
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean compiled = javac.getTask(null, fileManager, diagnostics,
                    List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
                            "-proc:none", "-nowarn", "-encoding", "UTF-8"),
                    null, fileManager.getJavaFileObjectsFromFiles(files)).call();
            assertThat(compiled).as("the generated client compiles: %s", diagnostics.getDiagnostics()).isTrue();
        }
        return classes;
    }
}
