package org.cqlhooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Prefetch entries no rule reads are left unread but never silently: over real HTTP, a naltrexone call whose urine
 * screen searchset also carries glucose results (which no rule of the service reads) and an opiate screen (which one
 * does) answers with the same card as without the glucose results, its call log line says how many were left out, and
 * the {@code cds.prefetch.skipped} metric sums them per service.
 */
@ExtendWith(OutputCaptureExtension.class)
@ServerTest
class SkippedResourcesLogTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private JsonNode call(ObjectNode request) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + Calls.NTX_SERVICE)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Requests.JSON.readTree(response.body());
    }

    private static ObjectNode observation(String id, String loinc) {
        ObjectNode resource = Requests.JSON.createObjectNode().put("resourceType", "Observation").put("id", id)
                .put("status", "final");
        resource.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", loinc);
        resource.putObject("subject").put("reference", "Patient/p1");
        return resource;
    }

    @Test
    void theCallLogAndTheMetricCountWhatWasLeftUnread(CapturedOutput output) throws Exception {
        ObjectNode plain = Calls.naltrexoneWithOpioid("p1", "Test Patient");
        plain.put("hookInstance", "skip-test-plain");
        ObjectNode padded = Calls.naltrexoneWithOpioid("p1", "Test Patient");
        padded.put("hookInstance", "skip-test-padded");
        ArrayNode screens = ((ObjectNode) padded.at("/prefetch/urineDrugScreens")).putArray("entry");
        for (int i = 0; i < 3; i++) {
            screens.addObject().set("resource", observation("glucose-" + i, "2339-0"));
        }
        // Opiates [Presence] in Urine: a screen the rule reads, so it stays.
        screens.addObject().set("resource", observation("opiate-screen", "3879-4"));
        double before = skipped();

        JsonNode withoutThem = call(plain);
        JsonNode withThem = call(padded);

        assertThat(withThem.at("/cards/0/source/topic/code").asText()).isEqualTo("NTX-OPIOID");
        assertThat(withThem.at("/cards/0/summary")).isEqualTo(withoutThem.at("/cards/0/summary"));
        assertThat(output.getAll()).containsPattern("cds-call endpoint=service service=naltrexone-opioid-safety "
                + "hookInstance=skip-test-plain .*status=200 cards=1 fhirCalls=0 evalErrors=- skipped=0 ");
        assertThat(output.getAll()).containsPattern("cds-call endpoint=service service=naltrexone-opioid-safety "
                + "hookInstance=skip-test-padded .*status=200 cards=1 fhirCalls=0 evalErrors=- skipped=3 ");
        assertThat(skipped() - before).isEqualTo(3.0);
    }

    private double skipped() {
        var counter = meters.find("cds.prefetch.skipped").tag("service", "naltrexone-opioid-safety").counter();
        return counter == null ? 0 : counter.count();
    }
}
