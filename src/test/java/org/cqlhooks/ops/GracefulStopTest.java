package org.cqlhooks.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cqlhooks.CqlHooksApplication;
import org.cqlhooks.testing.CardChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Graceful stop (server.shutdown=graceful): while the application stops (what SIGTERM does through the JVM's
 * shutdown hook), new connections are refused and the call in flight still gets its cards. The FHIR stand-in holds
 * the call in flight until the stop has begun, so nothing is timed.
 */
class GracefulStopTest {

    private static final HeldFhirServer fhir = HeldFhirServers.start();

    @AfterAll
    static void stop() {
        fhir.close();
    }

    @Test
    void aCallInFlightFinishesWhileNewCallsAreRefused() throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        ProbeCalls.CONTENT.forEach(property -> args.add("--" + property));
        ProbeCalls.PATIENT_FHIR.forEach(property -> args.add("--" + property));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CqlHooksApplication.class)
                .run(args.toArray(String[]::new));
        String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");

        fhir.hold();
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return ProbeCalls.post(HttpClient.newHttpClient(), base + ProbeCalls.SERVICE,
                        ProbeCalls.request("p1", 1, fhir.base()), null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        fhir.awaitRequest();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(context::close);
        // New connections are refused once the stop has begun (each try on a fresh connection).
        for (int tries = 0; accepts(base); tries++) {
            assertThat(tries).as("the server went on accepting connections").isLessThan(3000);
            Thread.sleep(20);
        }
        assertThat(inFlight).isNotDone();
        assertThat(stopping).isNotDone();

        fhir.release();
        HttpResponse<String> answer = inFlight.get();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(CardChecks.ids(answer.body())).containsExactlyInAnyOrder("OPS-CONDITION", "OPS-OBSERVATION");
        stopping.get();
        assertThat(context.isActive()).isFalse();
    }

    /** Whether a new connection is still served (any answer); false when it is refused or reset. */
    private static boolean accepts(String base) throws InterruptedException {
        HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            fresh.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
