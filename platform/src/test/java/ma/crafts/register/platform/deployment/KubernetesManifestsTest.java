package ma.crafts.register.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/k8s on paper: no kubectl or kubeconform runs here, so this parses every manifest and holds the references
 * between them (kustomization, Secrets, ConfigMap, Services, budgets, autoscalers, probes) to what the register serves.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("..", "deploy", "k8s");

    private static final Map<String, List<Map<String, Object>>> documentsByFile = new HashMap<>();
    private static Map<String, Object> kustomization;

    @BeforeAll
    static void parseEveryManifest() throws IOException {
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                List<Map<String, Object>> documents = new ArrayList<>();
                try (Reader reader = Files.newBufferedReader(file)) {
                    new Yaml().loadAll(reader).forEach(document -> documents.add(map(document)));
                }
                documentsByFile.put(file.getFileName().toString(), documents);
            }
        }
        kustomization = documentsByFile.remove("kustomization.yaml").get(0);
    }

    @Test
    void everyManifestIsAnObjectWithAKindAndAName() {
        assertThat(documentsByFile).isNotEmpty();
        documentsByFile.forEach((file, documents) -> documents.forEach(document -> {
            assertThat(document).as(file).containsKeys("apiVersion", "kind", "metadata");
            assertThat(map(document.get("metadata")).get("name")).as(file).isInstanceOf(String.class);
        }));
    }

    @Test
    void theKustomizationListsEveryManifestAndNothingElse() {
        assertThat(new TreeSet<>(strings(kustomization.get("resources")))).isEqualTo(new TreeSet<>(documentsByFile.keySet()));
    }

    @Test
    void everySecretKeyUsedIsGeneratedFromACommittedExampleAndNoValueIsCommitted() throws IOException {
        Map<String, Set<String>> keysBySecret = new HashMap<>();
        for (Object generator : list(kustomization.get("secretGenerator"))) {
            Set<String> keys = new TreeSet<>();
            for (String envFile : strings(map(generator).get("envs"))) {
                Path example = K8S.resolve(envFile + ".example");
                assertThat(example).as("the example of " + envFile).exists();
                for (String line : Files.readAllLines(example)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        String[] keyAndValue = line.split("=", 2);
                        assertThat(keyAndValue[1]).as(keyAndValue[0] + " in " + example)
                                .satisfiesAnyOf(value -> assertThat(value).isEmpty(), value -> assertThat(value).contains("<password>"));
                        keys.add(keyAndValue[0]);
                    }
                }
            }
            keysBySecret.put((String) map(generator).get("name"), keys);
        }
        assertThat(Files.readString(K8S.resolve("secrets/.gitignore"))).contains("*.env");

        List<Map<String, Object>> secretRefs = deployments().stream()
                .flatMap(deployment -> containers(deployment).stream())
                .flatMap(container -> list(container.get("env")).stream())
                .map(env -> map(map(env).get("valueFrom")))
                .filter(valueFrom -> valueFrom.containsKey("secretKeyRef"))
                .map(valueFrom -> map(valueFrom.get("secretKeyRef")))
                .toList();
        assertThat(secretRefs).extracting(ref -> ref.get("name")).contains("register-master-key", "register-issuer");
        secretRefs.forEach(ref -> assertThat(keysBySecret.get(ref.get("name"))).as(ref.toString()).contains((String) ref.get("key")));
    }

    @Test
    void eachSideHasProbesOnTheHealthGroupsAServiceABudgetAndAnAutoscaler() throws IOException {
        assertThat(probesEnabledInThePlatformDefaults()).isEqualTo("true");
        Set<String> configMaps = names("ConfigMap");
        List<Map<String, Object>> deployments = deployments();
        assertThat(deployments).extracting(KubernetesManifestsTest::name).containsExactlyInAnyOrder("command-side", "query-side");
        for (Map<String, Object> deployment : deployments) {
            String name = name(deployment);
            Map<String, Object> spec = map(deployment.get("spec"));
            Map<String, Object> podLabels = map(map(map(spec.get("template")).get("metadata")).get("labels"));
            assertThat(podLabels).as(name).containsAllEntriesOf(map(map(spec.get("selector")).get("matchLabels")));
            for (Map<String, Object> container : containers(deployment)) {
                assertThat(path(container, "readinessProbe")).as(name).isEqualTo("/actuator/health/readiness");
                assertThat(path(container, "livenessProbe")).as(name).isEqualTo("/actuator/health/liveness");
                list(container.get("envFrom")).forEach(source ->
                        assertThat(configMaps).contains((String) map(map(source).get("configMapRef")).get("name")));
            }
            assertThat(objects("Service")).as("a Service selecting " + name)
                    .anySatisfy(service -> assertThat(podLabels).containsAllEntriesOf(map(map(service.get("spec")).get("selector"))));
            assertThat(objects("PodDisruptionBudget")).as("a budget for " + name).anySatisfy(budget -> {
                Map<String, Object> budgetSpec = map(budget.get("spec"));
                assertThat(podLabels).containsAllEntriesOf(map(map(budgetSpec.get("selector")).get("matchLabels")));
                assertThat(budgetSpec.get("minAvailable")).isEqualTo(1);
            });
            assertThat(objects("HorizontalPodAutoscaler")).as("an autoscaler of " + name).anySatisfy(autoscaler -> {
                Map<String, Object> autoscalerSpec = map(autoscaler.get("spec"));
                assertThat(map(autoscalerSpec.get("scaleTargetRef"))).containsEntry("kind", "Deployment").containsEntry("name", name);
                assertThat((Integer) autoscalerSpec.get("minReplicas")).isGreaterThanOrEqualTo(2);
                assertThat(list(autoscalerSpec.get("metrics"))).extracting(metric -> map(map(map(metric).get("pods")).get("metric")).get("name"))
                        .containsExactly("http_server_requests_per_second");
            });
        }
    }

    private static String probesEnabledInThePlatformDefaults() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = KubernetesManifestsTest.class.getResourceAsStream("/META-INF/register/platform-defaults.properties")) {
            defaults.load(in);
        }
        return defaults.getProperty("management.endpoint.health.probes.enabled");
    }

    private static String path(Map<String, Object> container, String probe) {
        return (String) map(map(container.get(probe)).get("httpGet")).get("path");
    }

    private static List<Map<String, Object>> deployments() {
        return objects("Deployment");
    }

    private static List<Map<String, Object>> containers(Map<String, Object> deployment) {
        return list(map(map(map(deployment.get("spec")).get("template")).get("spec")).get("containers")).stream()
                .map(KubernetesManifestsTest::map).toList();
    }

    private static List<Map<String, Object>> objects(String kind) {
        return documentsByFile.values().stream().flatMap(List::stream).filter(document -> kind.equals(document.get("kind"))).toList();
    }

    private static Set<String> names(String kind) {
        return objects(kind).stream().map(KubernetesManifestsTest::name).collect(Collectors.toSet());
    }

    private static String name(Map<String, Object> object) {
        return (String) map(object.get("metadata")).get("name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }

    private static List<String> strings(Object node) {
        return list(node).stream().map(String.class::cast).toList();
    }
}
