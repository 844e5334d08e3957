package org.cqlhooks.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.cqlhooks.testing.CardChecks;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.TestKeys;
import org.cqlhooks.trust.JwksLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code cds.*} metrics at /actuator/prometheus after real calls over HTTP, with a trusted client configured:
 * calls by endpoint, service and status with latency buckets, cards by card ID, evaluation errors by library,
 * prefetch keys provided or fetched, FHIR requests by outcome and failures by cause, feedback by outcome, JWT
 * refusals by reason, and the back-pressure gauges. The test service is ops-probe (src/test/resources/ops-content).
 */
@AutoConfigureObservability(tracing = false) // Spring's tests turn the Prometheus registry off unless asked
@AutoConfigureMockMvc
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cds.content.cql=classpath:ops-content/cql/", "cds.content.hooks=classpath:ops-content/hooks/",
        "cds.security.audience=" + MetricsTest.AUDIENCE})
class MetricsTest {

    static final String EHR = "https://ehr.example.org";
    static final String AUDIENCE = "https://cds.example.org";
    static final ECKey KEY = TestKeys.ec("ops-metrics");
    private static final HeldFhirServer fhir = HeldFhirServers.start();
    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;

    @TestConfiguration
    static class Keys {
        @Bean
        @Primary
        JwksLoader servedKeys() {
            return TestKeys.servingOnly(KEY);
        }
    }

    /** The client's fields all in one place: a list binds from one property source. */
    @DynamicPropertySource
    static void client(DynamicPropertyRegistry registry) {
        registry.add("cds.security.clients[0].issuer", () -> EHR);
        registry.add("cds.security.clients[0].jwks", () -> EHR + "/jwks.json");
        registry.add("cds.security.clients[0].fhir-servers[0]", () -> fhir.base().toString());
    }

    @AfterAll
    static void stop() {
        fhir.close();
    }

    private String token(String path) {
        return TestKeys.sign(KEY, TestKeys.claims(EHR, AUDIENCE + path, Instant.now()).build());
    }

    private HttpResponse<String> call(com.fasterxml.jackson.databind.JsonNode request, String path, String token)
            throws Exception {
        return ProbeCalls.post(http, "http://127.0.0.1:" + port + path, request, token);
    }

    @Test
    void callsCardsPrefetchFetchingFeedbackAndRefusalsAreCountedUnderTheirTags() throws Exception {
        HttpResponse<String> fetched = call(ProbeCalls.request("p1", 1, fhir.base()), ProbeCalls.SERVICE,
                token(ProbeCalls.SERVICE));
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(CardChecks.ids(fetched.body())).containsExactlyInAnyOrder("OPS-CONDITION", "OPS-OBSERVATION");

        HttpResponse<String> failedLibrary = call(ProbeCalls.request("p2", 2, null), ProbeCalls.SERVICE,
                token(ProbeCalls.SERVICE));
        assertThat(CardChecks.ids(failedLibrary.body())).contains("EVAL-ERROR", "OPS-CONDITION");

        fhir.answerWith(500);
        HttpResponse<String> unobtainable = call(ProbeCalls.request("p3", 0, fhir.base()), ProbeCalls.SERVICE,
                token(ProbeCalls.SERVICE));
        assertThat(unobtainable.statusCode()).isEqualTo(412);
        fhir.answerWith(200);

        String madeUp = "/cds-services/no-such-service-" + System.nanoTime();
        assertThat(call(ProbeCalls.request("p4", 0, null), madeUp, token(madeUp)).statusCode()).isEqualTo(404);

        // Feedback on a card this service issued to this client, with one of the default override reasons.
        String card = Requests.JSON.readTree(fetched.body()).at("/cards/0/uuid").asText();
        String feedbackPath = ProbeCalls.SERVICE + "/feedback";
        assertThat(call(Requests.JSON.readTree("""
                {"feedback":[{"card":"%s","outcome":"overridden","overrideReason":{"reason":{"system":
                 "http://cqlhooks.org/fhir/CodeSystem/override-reason","code":"clinical-judgement"}},
                 "outcomeTimestamp":"%s"}]}""".formatted(card, Instant.now())),
                feedbackPath, token(feedbackPath)).statusCode()).isEqualTo(200);

        String used = token(ProbeCalls.SERVICE);
        assertThat(call(ProbeCalls.request("p5", 0, null), ProbeCalls.SERVICE, used).statusCode()).isEqualTo(200);
        assertThat(call(ProbeCalls.request("p5", 0, null), ProbeCalls.SERVICE, used).statusCode()).isEqualTo(401);
        String otherKey = TestKeys.sign(TestKeys.ec("ops-metrics"),
                TestKeys.claims(EHR, AUDIENCE + ProbeCalls.SERVICE, Instant.now()).build());
        assertThat(call(ProbeCalls.request("p6", 0, null), ProbeCalls.SERVICE, otherKey).statusCode())
                .isEqualTo(401);

        // Loopback needs no JWT for the operations endpoints, as for the rest of /actuator.
        HttpResponse<String> scrape = ProbeCalls.get(http, "http://127.0.0.1:" + port + "/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String metrics = scrape.body();

        assertThat(metrics).containsPattern("cds_calls_seconds_count\\{[^}]*endpoint=\"service\"[^}]*"
                + "service=\"ops-probe\"[^}]*status=\"200\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("cds_calls_seconds_count\\{[^}]*service=\"ops-probe\"[^}]*"
                + "status=\"412\"");
        assertThat(metrics).containsPattern("cds_calls_seconds_count\\{[^}]*service=\"ops-probe\"[^}]*"
                + "status=\"401\"");
        assertThat(metrics).containsPattern("cds_calls_seconds_count\\{[^}]*endpoint=\"feedback\"[^}]*"
                + "service=\"ops-probe\"[^}]*status=\"200\"");
        assertThat(metrics).containsPattern("cds_calls_seconds_bucket\\{[^}]*service=\"ops-probe\"[^}]*"
                + "status=\"200\"[^}]*le=\"0.1\"");
        // A made-up service id is counted, but never becomes a tag value.
        assertThat(metrics).containsPattern("cds_calls_seconds_count\\{[^}]*service=\"unknown\"[^}]*"
                + "status=\"404\"").doesNotContain("no-such-service");

        assertThat(metrics).containsPattern("cds_cards_total\\{[^}]*card=\"OPS-CONDITION\"[^}]*"
                + "service=\"ops-probe\"[^}]*} [2-9]");
        assertThat(metrics).containsPattern("cds_cards_total\\{[^}]*card=\"OPS-OBSERVATION\"");
        assertThat(metrics).containsPattern("cds_cards_total\\{[^}]*card=\"EVAL-ERROR\"");
        assertThat(metrics).containsPattern("cds_evaluation_errors_total\\{[^}]*library=\"OpsBoom\"[^}]*"
                + "service=\"ops-probe\"[^}]*} 1.0");

        assertThat(metrics).containsPattern("cds_prefetch_total\\{[^}]*key=\"conditions\"[^}]*"
                + "service=\"ops-probe\"[^}]*source=\"provided\"");
        assertThat(metrics).containsPattern("cds_prefetch_total\\{[^}]*key=\"observations\"[^}]*"
                + "service=\"ops-probe\"[^}]*source=\"fetched\"");
        assertThat(metrics).containsPattern("cds_prefetch_total\\{[^}]*key=\"observations\"[^}]*"
                + "source=\"provided\"");

        assertThat(metrics).containsPattern("cds_fhir_requests_seconds_count\\{[^}]*outcome=\"ok\"[^}]*} 1\\b");
        assertThat(metrics).containsPattern("cds_fhir_requests_seconds_count\\{[^}]*outcome=\"http-error\"");
        assertThat(metrics).containsPattern("cds_fhir_requests_seconds_bucket\\{[^}]*outcome=\"ok\"");
        assertThat(metrics).containsPattern("cds_fhir_failures_total\\{[^}]*cause=\"http-error\"[^}]*} 1.0");

        assertThat(metrics).containsPattern("cds_feedback_total\\{[^}]*outcome=\"overridden\"[^}]*"
                + "service=\"ops-probe\"[^}]*} 1.0");

        assertThat(metrics).containsPattern("cds_jwt_refusals_total\\{[^}]*reason=\"token-already-used\"[^}]*} 1.0");
        assertThat(metrics).containsPattern("cds_jwt_refusals_total\\{[^}]*reason=\"signature-not-verified\"");

        assertThat(metrics).containsPattern("cds_calls_in_flight\\{[^}]*} 0.0");
        assertThat(metrics).containsPattern("cds_calls_queued\\{[^}]*} 0.0");
        // Every series carries the application's name, for a Prometheus that scrapes several applications.
        assertThat(metrics).containsPattern("cds_cards_total\\{[^}]*application=\"cql-hooks\"");
    }

    @Test
    void thePrometheusEndpointFollowsTheRuleOfTheRestOfActuator() throws Exception {
        RequestPostProcessor elsewhere = request -> {
            request.setRemoteAddr("10.1.2.3");
            return request;
        };
        // From another machine: refused without a token (401) and with a valid one (403), as /actuator/metrics.
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics"}) {
            mvc.perform(MockMvcRequestBuilders.get(path).with(elsewhere)).andExpect(status().isUnauthorized());
            mvc.perform(MockMvcRequestBuilders.get(path).with(elsewhere)
                            .header("Authorization", "Bearer " + token(path)))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
        }
        // The probes are open to every caller (the kubelet is not on this machine).
        mvc.perform(MockMvcRequestBuilders.get("/actuator/health/readiness").with(elsewhere))
                .andExpect(status().isOk());
    }
}
