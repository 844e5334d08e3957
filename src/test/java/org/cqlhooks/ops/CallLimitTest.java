package org.cqlhooks.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.cqlhooks.testing.CardChecks;
import org.cqlhooks.testing.OperationsSiteTest;
import org.cqlhooks.testing.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Back-pressure with a deliberately small bound: one call in flight and one waiting. A call that finds both
 * taken is answered 503 with Retry-After and an OperationOutcome while the others are still running; the waiting
 * one is served once the first is done. The FHIR stand-in holds the first call in flight, so nothing is timed.
 * The bound is {@link OperationsSiteTest}'s.
 */
@OperationsSiteTest
class CallLimitTest {

    private static final HeldFhirServer fhir = HeldFhirServers.start();
    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @AfterAll
    static void stop() {
        fhir.close();
    }

    private CompletableFuture<HttpResponse<String>> callAsync(String patient, boolean fetching) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ProbeCalls.post(HttpClient.newHttpClient(), url(ProbeCalls.SERVICE),
                        ProbeCalls.request(patient, 1, fetching ? fhir.base() : null), null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private double gauge(String name) throws Exception {
        JsonNode metric = Requests.JSON.readTree(ProbeCalls.get(http, url("/actuator/metrics/" + name)).body());
        return metric.at("/measurements/0/value").asDouble();
    }

    @Test
    void pastTheCallsInFlightAndTheQueueACallIs503AtOnceWithRetryAfter() throws Exception {
        fhir.hold();
        CompletableFuture<HttpResponse<String>> first = callAsync("p1", true);
        fhir.awaitRequest(); // the first call is in flight, waiting for its FHIR data

        CompletableFuture<HttpResponse<String>> queued = callAsync("p2", false);
        // Wait until the second call has taken the one place in the queue (a busy machine may take a while).
        for (int tries = 0; gauge("cds.calls.queued") < 1; tries++) {
            assertThat(tries).as("the second call never queued").isLessThan(3000);
            Thread.sleep(20);
        }
        assertThat(gauge("cds.calls.in.flight")).isEqualTo(1.0);

        HttpResponse<String> refused = ProbeCalls.post(http, url(ProbeCalls.SERVICE),
                ProbeCalls.request("p3", 1, null), null);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("3");
        JsonNode outcome = Requests.JSON.readTree(refused.body());
        assertThat(outcome.get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(outcome.at("/issue/0/code").asText()).isEqualTo("throttled");
        assertThat(outcome.at("/issue/0/diagnostics").asText()).contains("cds.limits.max-concurrent-calls");
        assertThat(first).isNotDone();
        assertThat(queued).isNotDone();

        // Discovery and feedback are not bounded.
        assertThat(ProbeCalls.get(http, url("/cds-services")).statusCode()).isEqualTo(200);

        fhir.release();
        HttpResponse<String> firstAnswer = first.get();
        assertThat(firstAnswer.statusCode()).isEqualTo(200);
        assertThat(CardChecks.ids(firstAnswer.body())).contains("OPS-CONDITION", "OPS-OBSERVATION");
        HttpResponse<String> queuedAnswer = queued.get();
        assertThat(queuedAnswer.statusCode()).isEqualTo(200);
        assertThat(CardChecks.ids(queuedAnswer.body())).containsExactly("OPS-CONDITION");

        // With the places free again, calls are answered.
        assertThat(ProbeCalls.post(http, url(ProbeCalls.SERVICE), ProbeCalls.request("p4", 1, null), null)
                .statusCode()).isEqualTo(200);
    }
}
