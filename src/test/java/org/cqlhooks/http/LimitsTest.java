package org.cqlhooks.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.Outcomes;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.SiteSettingsTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * No request can exhaust the server: each limit answers a clear 4xx/412 OperationOutcome, and the server goes on
 * answering normal calls afterwards. Over real HTTP, so chunked bodies and Tomcat are part of it.
 */
@SiteSettingsTest
class LimitsTest {

    private static final WireMockServer fhir = started();
    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        fhir.stop();
    }

    @BeforeEach
    void reset() {
        fhir.resetAll();
    }

    /** After every limit: the server still answers a normal call with its card. */
    @AfterEach
    void theServerKeepsAnswering() throws Exception {
        HttpResponse<String> response = post(Calls.naltrexoneWithOpioid("p1", "Test Patient").toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("NTX-OPIOID");
    }

    private HttpResponse<String> post(String body) throws Exception {
        return send(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + Calls.NTX_SERVICE))
                .header("Content-Type", "application/json").POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A valid request padded to {@code size} bytes with an ignored extension string. */
    private static String padded(int size) {
        ObjectNode request = Calls.naltrexoneWithOpioid("p1", "Test Patient");
        int room = size - request.toString().length();
        request.putObject("extension").put("padding", "x".repeat(Math.max(0, room)));
        return request.toString();
    }

    @Test
    void anOversizedBodyIs413() throws Exception {
        Outcomes.outcome(post(padded(1_500_000)), 413, "too-costly", "larger than 1048576 bytes");
    }

    @Test
    void anOversizedChunkedBodyIs413() throws Exception {
        byte[] body = padded(1_500_000).getBytes(StandardCharsets.UTF_8);
        // No Content-Length: the body is counted as it is read.
        HttpResponse<String> response = send(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body)));
        Outcomes.outcome(response, 413, "too-costly", "larger than");
    }

    @Test
    void aDeeplyNestedDocumentIs400() throws Exception {
        ObjectNode request = Calls.naltrexoneWithOpioid("p1", "Test Patient");
        String nested = "[".repeat(5000) + "]".repeat(5000);
        String body = request.toString().replaceFirst("\\{", "{\"extension\":" + nested + ",");
        Outcomes.outcome(post(body), 400, "too-costly", "nests JSON too deeply");
    }

    @Test
    void aHugeStringIs400() throws Exception {
        Outcomes.outcome(post(padded(300_000)), 400, "too-costly", "string that is too long");
    }

    @Test
    void tooManyPrefetchResourcesIs400() throws Exception {
        ObjectNode request = Calls.naltrexoneWithOpioid("p1", "Test Patient");
        ArrayNode entries = ((ObjectNode) request.at("/prefetch/medicationDispenses")).putArray("entry");
        for (int i = 0; i < 60; i++) {
            entries.addObject().putObject("resource").put("resourceType", "MedicationDispense").put("id", "d" + i);
        }
        Outcomes.outcome(post(request.toString()), 400, "too-costly", "at most 50");
    }

    @Test
    void aFhirServerWithEndlessPagesIs412() throws Exception {
        String page = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":[{\"relation\":\"next\","
                + "\"url\":\"" + fhir.baseUrl() + "/fhir/MedicationRequest?patient=p1&page=more\"}]}";
        fhir.stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).willReturn(okJson(page)));
        ObjectNode request = Calls.naltrexoneWithOpioid("p1", "Test Patient");
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        request.put("fhirServer", fhir.baseUrl() + "/fhir");

        Outcomes.outcome(post(request.toString()), 412, "incomplete", "more than 5 pages");
        assertThat(fhir.getAllServeEvents()).hasSize(5);
    }

    @Test
    void anOversizedFhirAnswerIs412() throws Exception {
        StringBuilder bundle = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[");
        for (int i = 0; i < 1000; i++) {
            bundle.append(i == 0 ? "" : ",").append("{\"resource\":{\"resourceType\":\"MedicationRequest\",\"id\":\"m")
                    .append(i).append("\",\"status\":\"active\",\"intent\":\"order\"}}");
        }
        fhir.stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).willReturn(okJson(bundle.append("]}")
                .toString())));
        ObjectNode request = Calls.naltrexoneWithOpioid("p1", "Test Patient");
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        request.put("fhirServer", fhir.baseUrl() + "/fhir");

        Outcomes.outcome(post(request.toString()), 412, "incomplete", "larger than 65536 bytes");
    }

    @Test
    void aBundleEntryWithoutAResourceIs400NotAServerError() throws Exception {
        ObjectNode request = Calls.naltrexoneWithOpioid("p1", "Test Patient");
        ObjectNode dispenses = (ObjectNode) request.at("/prefetch/medicationDispenses");
        ArrayNode entries = dispenses.putArray("entry");
        entries.addObject().putNull("resource");
        entries.addNull();
        entries.addObject();
        HttpResponse<String> response = post(request.toString());
        Outcomes.outcome(response, 400, "invalid", "is not a FHIR R4 resource");
        assertThat(Requests.JSON.readTree(response.body()).at("/issue/0/expression/0").asText())
                .isEqualTo("prefetch.medicationDispenses");
    }
}
