package org.cqlhooks.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cqlhooks.testing.OperationsSiteTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;

/**
 * No container tool runs here, so the packaging is checked against the application instead of run: every manifest
 * under deploy/k8s parses, and its ports, probe paths, property names and references match what the application
 * has (its application.yml, its configuration metadata, and a running instance answering each path); the
 * Dockerfile exposes the same port, runs as the same user that is not root, and checks a path the application serves.
 */
@OperationsSiteTest
class DeployManifestTest {

    private static final Path K8S = Path.of("deploy/k8s");
    private static final HttpClient http = HttpClient.newHttpClient();
    private static Map<String, Map<String, Object>> manifests;
    private static Map<String, Object> application;
    private static KnownProperties known;

    @LocalServerPort
    int port;

    @BeforeAll
    static void read() throws IOException {
        manifests = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml")).sorted().toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    Map<String, Object> manifest = map(document);
                    manifests.put(manifest.get("kind") + "/" + map(manifest.get("metadata")).get("name"), manifest);
                }
            }
        }
        application = new Yaml().load(Files.readString(Path.of("src/main/resources/application.yml")));
        known = new KnownProperties();
    }

    @Test
    void everyManifestParsesAndTheKustomizationListsThemAll() throws IOException {
        assertThat(manifests).containsKeys("Deployment/cql-hooks", "Service/cql-hooks",
                "HorizontalPodAutoscaler/cql-hooks", "ConfigMap/cql-hooks-site", "Secret/cql-hooks-database");
        manifests.values().forEach(m -> assertThat(m).containsKeys("apiVersion", "kind", "metadata"));
        List<String> files;
        try (Stream<Path> all = Files.list(K8S)) {
            files = all.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .filter(f -> !f.equals("kustomization.yaml")).sorted().toList();
        }
        Map<String, Object> kustomization = new Yaml().load(Files.readString(K8S.resolve("kustomization.yaml")));
        assertThat(list(kustomization.get("resources"))).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void theContainerPortIsTheApplicationsAndTheServiceAndProbesUseIt() {
        Map<String, Object> container = container();
        Map<String, Object> http = map(list(container.get("ports")).get(0));
        assertThat(http.get("containerPort")).isEqualTo(at(application, "server.port"));
        assertThat(http.get("name")).isEqualTo("http");
        Map<String, Object> service = manifests.get("Service/cql-hooks");
        assertThat(map(list(at(service, "spec.ports")).get(0)).get("targetPort")).isEqualTo("http");
        Map<String, Object> podLabels = map(at(deployment(), "spec.template.metadata.labels"));
        assertThat(podLabels).containsAllEntriesOf(map(at(service, "spec.selector")));
        assertThat(podLabels).containsAllEntriesOf(map(at(deployment(), "spec.selector.matchLabels")));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(at(map(container.get(probe)), "httpGet.port")).as(probe).isEqualTo("http");
        }
        Map<String, Object> annotations = map(at(deployment(), "spec.template.metadata.annotations"));
        assertThat(annotations.get("prometheus.io/port")).isEqualTo(String.valueOf(at(application, "server.port")));
    }

    @Test
    void theProbePathsAreTheApplicationsProbesAndItAnswersThem() throws Exception {
        Map<String, Object> container = container();
        assertThat(at(map(container.get("livenessProbe")), "httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(at(map(container.get("readinessProbe")), "httpGet.path")).isEqualTo("/actuator/health/readiness");
        List<String> paths = new ArrayList<>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            paths.add((String) at(map(container.get(probe)), "httpGet.path"));
        }
        paths.add(dockerHealthCheckPath());
        paths.add((String) map(at(deployment(), "spec.template.metadata.annotations")).get("prometheus.io/path"));
        for (String path : paths) {
            assertThat(ProbeCalls.get(http, "http://127.0.0.1:" + port + path).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(ProbeCalls.get(http, "http://127.0.0.1:" + port + "/actuator/health/readiness").body())
                .contains("\"content\"").contains("\"db\"");
    }

    @Test
    void everyPropertyTheManifestsSetIsOneOfTheApplications() {
        Map<String, Object> site = map(manifests.get("ConfigMap/cql-hooks-site").get("data"));
        assertThat(site).containsKeys("application.yml", "application-site-content.yml");
        for (Map.Entry<String, Object> file : site.entrySet()) {
            Map<String, Object> yaml = new Yaml().load((String) file.getValue());
            assertThat(flatten("", yaml)).as(file.getKey()).isNotEmpty()
                    .allSatisfy(name -> assertThat(known.knows(name)).as(file.getKey() + ": " + name).isTrue());
        }
        Map<String, Object> secret = map(manifests.get("Secret/cql-hooks-database").get("stringData"));
        assertThat(secret.keySet()).contains("SPRING_DATASOURCE_URL")
                .allSatisfy(variable -> assertThat(known.knowsVariable(variable)).as(variable).isTrue());
        for (Object env : list(container().get("env"))) {
            String variable = (String) map(env).get("name");
            assertThat(known.knowsVariable(variable)).as(variable).isTrue();
        }
        assertThat(envValue("LOGGING_STRUCTURED_FORMAT_CONSOLE")).isIn("ecs", "gelf", "logstash");
        // Negative control: a misspelt name is caught.
        assertThat(known.knows("cds.security.audiense")).isFalse();
        assertThat(known.knowsVariable("SPRING_DATASOURCE_URI")).isFalse();
    }

    @Test
    void theConfigMapsAndTheSecretAreTheOnesTheDeploymentMounts() {
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        for (Object volume : list(at(deployment(), "spec.template.spec.volumes"))) {
            volumes.put((String) map(volume).get("name"), map(volume));
        }
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object mount : list(container().get("volumeMounts"))) {
            mounts.put((String) map(mount).get("name"), (String) map(mount).get("mountPath"));
        }
        assertThat(mounts.keySet()).containsExactlyInAnyOrderElementsOf(volumes.keySet());
        // Spring Boot reads ./config/ of the working directory, which the Dockerfile makes /app.
        assertThat(at(volumes.get("site"), "configMap.name")).isEqualTo("cql-hooks-site");
        assertThat(mounts.get("site")).isEqualTo(dockerfileValue("WORKDIR") + "/config");
        // Each content location of the site-content profile is a mounted content ConfigMap.
        Map<String, Object> content = map(at(new Yaml().load((String) map(manifests
                .get("ConfigMap/cql-hooks-site").get("data")).get("application-site-content.yml")), "cds.content"));
        for (Map.Entry<String, Object> location : content.entrySet()) {
            String volume = "content-" + location.getKey();
            assertThat(location.getValue()).isEqualTo("file:" + mounts.get(volume) + "/");
            assertThat(at(volumes.get(volume), "configMap.optional")).isEqualTo(true);
        }
        assertThat(at(map(list(container().get("envFrom")).get(0)), "secretRef.name"))
                .isEqualTo("cql-hooks-database");
        assertThat(mounts.get("tmp")).isEqualTo("/tmp");
    }

    @Test
    void resourcesAutoscalingAndAGracefulStopFitTogether() {
        Map<String, Object> resources = map(container().get("resources"));
        assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
        Map<String, Object> hpa = manifests.get("HorizontalPodAutoscaler/cql-hooks");
        assertThat(at(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
        assertThat(at(hpa, "spec.scaleTargetRef.name")).isEqualTo(at(deployment(), "metadata.name"));
        assertThat((Integer) at(hpa, "spec.minReplicas")).isGreaterThanOrEqualTo(2)
                .isLessThanOrEqualTo((Integer) at(hpa, "spec.maxReplicas"));
        assertThat(at(application, "server.shutdown")).isEqualTo("graceful");
        Duration drain = DurationStyle.detectAndParse((String) at(application,
                "spring.lifecycle.timeout-per-shutdown-phase"));
        List<Object> preStop = list(at(map(container().get("lifecycle")), "preStop.exec.command"));
        assertThat(preStop.get(0)).isEqualTo("sleep");
        long pause = Long.parseLong((String) preStop.get(1));
        assertThat(((Integer) at(deployment(), "spec.template.spec.terminationGracePeriodSeconds")).longValue())
                .isGreaterThan(pause + drain.toSeconds());
    }

    @Test
    void theImageIsMultiStageLayeredAndRunsAsTheUserTheDeploymentExpects() throws IOException {
        String dockerfile = dockerfile();
        assertThat(Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count()).isGreaterThanOrEqualTo(2);
        assertThat(dockerfile).contains("-Djarmode=tools").contains("extract --layers");
        assertThat(dockerfileValue("EXPOSE")).isEqualTo(String.valueOf(at(application, "server.port")));
        String user = dockerfileValue("USER");
        assertThat(user).matches("\\d+").isNotEqualTo("0");
        Map<String, Object> pod = map(at(deployment(), "spec.template.spec.securityContext"));
        assertThat(pod.get("runAsNonRoot")).isEqualTo(true);
        assertThat(String.valueOf(pod.get("runAsUser"))).isEqualTo(user);
        assertThat(dockerfile).contains("useradd --system --uid " + user);
        // Exec form, so SIGTERM reaches java; the cache it names is the one the training run writes.
        assertThat(dockerfileValue("ENTRYPOINT")).startsWith("[\"java\"").contains("-XX:AOTCache=/app/application.aot");
        assertThat(dockerfile).contains("bin/aot-training.sh /app/application.jar /app/application.aot");
        // Every file it copies from the repository is there.
        Matcher copies = Pattern.compile("(?m)^COPY (?!--from)(.+) \\S+$").matcher(dockerfile);
        while (copies.find()) {
            for (String source : copies.group(1).trim().split("\\s+")) {
                assertThat(Path.of(source)).as("COPY " + source).exists();
            }
        }
    }

    // ---------- reading ----------

    private static Map<String, Object> deployment() {
        return manifests.get("Deployment/cql-hooks");
    }

    private static Map<String, Object> container() {
        return map(list(at(deployment(), "spec.template.spec.containers")).get(0));
    }

    private static String envValue(String name) {
        return list(container().get("env")).stream().map(DeployManifestTest::map)
                .filter(e -> name.equals(e.get("name"))).map(e -> (String) e.get("value")).findFirst().orElse(null);
    }

    private static String dockerfile() throws IOException {
        return Files.readString(Path.of("deploy/Dockerfile")).replaceAll("\\\\\\n\\s*", " ");
    }

    /** The argument of the last instruction of that name. */
    private static String dockerfileValue(String instruction) {
        try {
            Matcher m = Pattern.compile("(?m)^" + instruction + " (.+)$").matcher(dockerfile());
            String value = null;
            while (m.find()) {
                value = m.group(1).trim();
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String dockerHealthCheckPath() {
        Matcher m = Pattern.compile("\"(/actuator/[^\"]+)\"").matcher(dockerfileValue("HEALTHCHECK"));
        assertThat(m.find()).as("HEALTHCHECK names a path").isTrue();
        return m.group(1);
    }

    /** Dotted names of the leaves ({@code a.b[0].c}). */
    private static List<String> flatten(String prefix, Object node) {
        List<String> names = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> names.addAll(flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v)));
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                names.addAll(flatten(prefix + "[" + i + "]", l.get(i)));
            }
        } else {
            names.add(prefix);
        }
        return names;
    }

    private static Object at(Map<String, Object> root, String path) {
        Object node = root;
        for (String part : path.split("\\.")) {
            node = node instanceof Map<?, ?> m ? m.get(part) : null;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<Object>) node;
    }
}
