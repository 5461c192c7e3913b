package ma.crafts.register.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoDatabase;
import ma.crafts.register.platform.PlatformStartupException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** The platform's Mongo wiring as a non-web application sees it, including how startup fails. */
@ExtendWith(OutputCaptureExtension.class)
class MongoStartupFailureTest {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    /** Runs with {@code args} as command-line arguments, which beat src/test/resources/application.properties. */
    private static ConfigurableApplicationContext run(String... args) {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).run(args);
    }

    @Test
    void takenPortStopsStartupWithAOneLineReport(CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> run("--register.mongodb.embedded.port=" + port))
                    .satisfies(e -> assertThat(findStartupException(e)).isNotNull());
            assertThat(output).contains("APPLICATION FAILED TO START")
                    .contains("Embedded MongoDB cannot listen on 127.0.0.1:" + port + " because the port is already in use")
                    .contains("set MONGO_PORT to a free port");
        }
    }

    @Test
    void invalidUriStopsStartupWithAReport(CapturedOutput output) {
        assertThatThrownBy(() -> run("--register.mongodb.uri=postgres://nope"))
                .satisfies(e -> assertThat(findStartupException(e)).isNotNull());
        assertThat(output).contains("MONGODB_URI is not a valid MongoDB connection string");
    }

    @Test
    void contextExposesTheConnectionAndStopsTheServerOnClose() {
        int port;
        try (ConfigurableApplicationContext context = run()) {
            RegisterMongoConnection connection = context.getBean(RegisterMongoConnection.class);
            assertThat(connection.isEmbedded()).isTrue();
            assertThat(connection.database()).isEqualTo("register");
            port = connection.embeddedServer().orElseThrow().port();
            assertThat(connection.redactedConnectionString()).isEqualTo("mongodb://127.0.0.1:" + port);
            MongoDatabase database = context.getBean(MongoDatabase.class);
            assertThat(database.getName()).isEqualTo("register");
            assertThat(database.getWriteConcern()).isEqualTo(WriteConcern.MAJORITY);
            assertThat(database.getReadConcern()).isEqualTo(ReadConcern.MAJORITY);
            database.getCollection("probe").insertOne(new Document("_id", 1));
            assertThat(database.getCollection("probe").countDocuments()).isEqualTo(1);
            // Spring Boot's own Mongo auto-configuration is filtered out.
            assertThat(context.getBeanNamesForType(org.springframework.boot.autoconfigure.mongo.MongoProperties.class)).isEmpty();
        }
        try (ServerSocket reuse = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(reuse.getLocalPort()).isEqualTo(port);
        } catch (IOException e) {
            throw new AssertionError("The embedded server still holds port " + port + " after the context closed", e);
        }
    }

    @Test
    void concernsNamedInTheUriOverrideTheMajorityDefaults() {
        try (EmbeddedMongoServer external = externalServer();
             ConfigurableApplicationContext context = runOn(external, "/register?w=1&readConcernLevel=local")) {
            MongoDatabase database = context.getBean(MongoDatabase.class);
            assertThat(database.getWriteConcern()).isEqualTo(WriteConcern.W1);
            assertThat(database.getReadConcern()).isEqualTo(ReadConcern.LOCAL);
        }
    }

    @Test
    void externalUriIsUsedAsGivenAndItsPasswordRedacted() {
        try (EmbeddedMongoServer external = externalServer();
             ConfigurableApplicationContext context = runOn(external, "/registry_prod")) {
            RegisterMongoConnection connection = context.getBean(RegisterMongoConnection.class);
            assertThat(connection.isEmbedded()).isFalse();
            assertThat(connection.database()).isEqualTo("registry_prod");
            assertThat(context.getBean(MongoDatabase.class).runCommand(new Document("ping", 1)).get("ok", Number.class).intValue())
                    .isEqualTo(1);
        }
        RegisterMongoConnection parsedOnly = RegisterMongoConnection.open(new ma.crafts.register.platform.PlatformProperties(
                java.nio.file.Path.of("."),
                new ma.crafts.register.platform.PlatformProperties.Mongodb("mongodb://ops:s3cret@db.example:27017/?authSource=admin",
                        "register", null, null), null, null, null, null, null, null));
        assertThat(parsedOnly.redactedConnectionString()).isEqualTo("mongodb://ops:***@db.example:27017/?authSource=admin");
        assertThat(parsedOnly.toString()).doesNotContain("s3cret");
    }

    /** A MongoDB of its own for the application to reach through MONGODB_URI, as an external server would be. */
    private static EmbeddedMongoServer externalServer() {
        return EmbeddedMongoServer.start(ma.crafts.register.platform.PlatformProperties.EmbeddedBackend.MEMORY, 0, null);
    }

    /** Runs with MONGODB_URI at {@code external}, {@code pathAndOptions} after its address, and a master key of its own. */
    private static ConfigurableApplicationContext runOn(EmbeddedMongoServer external, String pathAndOptions) {
        return run("--register.mongodb.uri=mongodb://127.0.0.1:" + external.port() + pathAndOptions,
                "--register.privacy.master-key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
    }

    private static PlatformStartupException findStartupException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PlatformStartupException p) {
                return p;
            }
        }
        return null;
    }
}
