package org.cqlhooks.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.cqlhooks.CqlHooksApplication;
import org.cqlhooks.testing.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The default set-up, as {@code mvn spring-boot:run} has it (the H2 file database under {@code cds.data-dir}), here
 * in a temporary directory: the server is stopped and started again on the same file, and the figures and the cards
 * issued before are still there.
 */
class RestartTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    /** The server's own default URL (src/main/resources/application.yml), which the tests' config replaces. */
    private static String defaultDatabaseUrl() throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("main",
                new ClassPathResource("application.yml"));
        return String.valueOf(yaml.get(0).getProperty("spring.datasource.url"));
    }

    private ConfigurableApplicationContext start() throws IOException {
        return new SpringApplicationBuilder(CqlHooksApplication.class).run("--server.port=0",
                "--spring.main.banner-mode=off", "--cds.data-dir=" + dataDir,
                "--spring.datasource.url=" + defaultDatabaseUrl());
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext server, String method, String path,
            String body) throws Exception {
        int port = ((WebServerApplicationContext) server).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String call(ConfigurableApplicationContext server) throws Exception {
        HttpResponse<String> answer = send(server, "POST", "/cds-services/naltrexone-opioid-safety",
                Files.readString(Path.of("hooks/examples/NaltrexoneOpioidSafety/naltrexone-opioid-safety-ntx-opioid.json")));
        assertThat(answer.statusCode()).isEqualTo(200);
        return Requests.JSON.readTree(answer.body()).get("cards").get(0).get("uuid").asText();
    }

    private static JsonNode figures(ConfigurableApplicationContext server) throws Exception {
        HttpResponse<String> answer = send(server, "GET", "/analytics/cards", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        return Requests.JSON.readTree(answer.body());
    }

    @Test
    void theFiguresSurviveARestartOnTheSameH2File() throws Exception {
        assertThat(defaultDatabaseUrl()).startsWith("jdbc:h2:file:${cds.data-dir}/");
        String first;
        String second;
        JsonNode before;
        try (ConfigurableApplicationContext server = start()) {
            first = call(server);
            second = call(server);
            assertThat(send(server, "POST", "/cds-services/naltrexone-opioid-safety/feedback",
                    Issued.overridden(first, "opioid-stopped", null, Instant.now())).statusCode()).isEqualTo(200);
            before = figures(server);
        }
        assertThat(before.at("/cards/0/issued").asInt()).isEqualTo(2);
        assertThat(before.at("/cards/0/overridden").asInt()).isEqualTo(1);
        assertThat(Files.exists(dataDir.resolve("governance.mv.db"))).isTrue();

        try (ConfigurableApplicationContext server = start()) {
            assertThat(figures(server)).isEqualTo(before);
            // A card issued before the restart still takes feedback.
            assertThat(send(server, "POST", "/cds-services/naltrexone-opioid-safety/feedback",
                    Issued.overridden(second, "naltrexone-stopped", null, Instant.now())).statusCode()).isEqualTo(200);
            assertThat(figures(server).at("/cards/0/overridden").asInt()).isEqualTo(2);
        }
    }
}
