package org.cqlhooks.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.cqlhooks.testing.Requests;

/**
 * Calls of the operations tests to the test service {@code ops-probe} (src/test/resources/ops-content): cards
 * OPS-CONDITION and OPS-OBSERVATION, and an EVAL-ERROR card when the record holds two Conditions.
 */
final class ProbeCalls {

    static final String SERVICE = "/cds-services/ops-probe";

    /** The properties that serve the test content instead of the bundled one (ValueSets are the bundled ones). */
    static final List<String> CONTENT = List.of("cds.content.cql=classpath:ops-content/cql/",
            "cds.content.hooks=classpath:ops-content/hooks/", "cds.demo.enabled=false");

    /** FHIR time-outs long enough for a test holding a call in flight on a busy machine. */
    static final List<String> PATIENT_FHIR = List.of("cds.fhir-client.read-timeout=2m", "cds.fhir-client.deadline=2m");

    private ProbeCalls() {
    }

    /**
     * A request whose prefetch holds {@code conditions} Conditions; its Observations are prefetched (none) or, with
     * a {@code fhirServer}, left out so they are fetched from it.
     */
    static ObjectNode request(String patientId, int conditions, URI fhirServer) {
        ObjectNode request = Requests.patientView(patientId);
        ObjectNode prefetch = request.putObject("prefetch");
        ObjectNode bundle = prefetch.putObject("conditions").put("resourceType", "Bundle").put("type", "searchset");
        ArrayNode entries = bundle.putArray("entry");
        for (int i = 0; i < conditions; i++) {
            entries.addObject().putObject("resource").put("resourceType", "Condition").put("id", "c" + i)
                    .putObject("subject").put("reference", "Patient/" + patientId);
        }
        if (fhirServer == null) {
            prefetch.putObject("observations").put("resourceType", "Bundle").put("type", "searchset");
        } else {
            request.put("fhirServer", fhirServer.toString());
        }
        return request;
    }

    static HttpResponse<String> post(HttpClient http, String url, JsonNode body, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
