package org.cqlhooks.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.cqlhooks.CqlHooksApplication;
import org.cqlhooks.testing.Requests;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The probes over HTTP with a real PostgreSQL: readiness is UP with the content loaded and the database answering,
 * DOWN (503) while the database is away, and UP again when it is back; liveness stays UP throughout (restarting
 * the process would not bring the database back).
 */
class ReadinessTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    private static HttpResponse<String> probe(String base, String which) throws Exception {
        return ProbeCalls.get(http, base + "/actuator/health/" + which);
    }

    /** Asks the readiness probe until it answers {@code status} (at most 300 times, 200 ms apart). */
    private static HttpResponse<String> awaitReadiness(String base, int status) throws Exception {
        HttpResponse<String> answer = probe(base, "readiness");
        for (int tries = 0; answer.statusCode() != status && tries < 300; tries++) {
            Thread.sleep(200);
            answer = probe(base, "readiness");
        }
        return answer;
    }

    @Test
    void readinessFollowsTheDatabaseWhileLivenessStaysUp() throws Exception {
        try (Postgres database = new Postgres()) {
            List<String> args = new ArrayList<>(List.of("--server.port=0",
                    "--spring.datasource.url=" + database.url(), "--spring.datasource.username=postgres",
                    "--spring.datasource.password=", "--spring.datasource.hikari.connection-timeout=1000"));
            ProbeCalls.CONTENT.forEach(property -> args.add("--" + property));
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CqlHooksApplication.class)
                    .run(args.toArray(String[]::new))) {
                String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");

                HttpResponse<String> ready = probe(base, "readiness");
                assertThat(ready.statusCode()).isEqualTo(200);
                JsonNode up = Requests.JSON.readTree(ready.body());
                assertThat(up.get("status").asText()).isEqualTo("UP");
                assertThat(up.at("/components/content/status").asText()).isEqualTo("UP");
                assertThat(up.at("/components/content/details/services").toString()).contains("ops-probe");
                assertThat(up.at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");

                database.stop();
                HttpResponse<String> notReady = awaitReadiness(base, 503);
                assertThat(notReady.statusCode()).isEqualTo(503);
                JsonNode down = Requests.JSON.readTree(notReady.body());
                assertThat(down.get("status").asText()).isEqualTo("DOWN");
                assertThat(down.at("/components/db/status").asText()).isEqualTo("DOWN");
                assertThat(down.at("/components/content/status").asText()).isEqualTo("UP");
                assertThat(probe(base, "liveness").statusCode()).isEqualTo(200);

                database.start();
                // The pool reconnects on its own; the kubelet asks again every few seconds, and so does this test.
                HttpResponse<String> again = awaitReadiness(base, 200);
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(Requests.JSON.readTree(again.body()).get("status").asText()).isEqualTo("UP");
            }
        }
    }
}
