package org.cqlhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.ServerTest;
import org.cqlhooks.testing.Synthea;
import org.cqlhooks.wire.CdsResponse;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The server as an EHR sees it, over real HTTP: the JSON examples of the CDS Hooks 2.0.1 text, and a Synthea
 * patient sent as prefetch.
 */
@ServerTest
class EndToEndTest {

    private static final WireMockServer fhir = new WireMockServer(wireMockConfig().dynamicPort());
    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper wire;
    @Autowired
    LiveContent content;

    @BeforeAll
    static void startFhir() {
        fhir.start();
        // An EHR FHIR server that knows nothing about the patient: every search is an empty searchset.
        fhir.stubFor(get(anyUrl()).willReturn(okJson("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}")));
    }

    @AfterAll
    static void stopFhir() {
        fhir.stop();
    }

    private static JsonNode example(String name) throws IOException {
        try (InputStream in = EndToEndTest.class.getResourceAsStream("/fixtures/" + name)) {
            return Requests.JSON.readTree(in);
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Requests.JSON.readTree(response.body());
    }

    @Test
    void discoveryListsEveryServiceSortedByIdInTheSpecsShape() throws Exception {
        HttpResponse<String> response = send("GET", "/cds-services", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode services = json(response).get("services");
        List<String> ids = new ArrayList<>();
        services.forEach(s -> ids.add(s.get("id").asText()));
        // Every service but the all-in-one (pain-cds-all), which discovery leaves out so listed services do not overlap.
        assertThat(ids).isSorted().hasSize((int) content.catalog().all().stream()
                .filter(s -> !s.definition().isComposite())
                .count()).doesNotContain("pain-cds-all");
        // Every field the spec's own discovery example uses, and nothing else.
        List<String> specFields = List.of("hook", "title", "description", "id", "prefetch", "usageRequirements");
        for (JsonNode service : services) {
            service.fieldNames().forEachRemaining(f -> assertThat(specFields).contains(f));
            assertThat(service.get("hook").asText()).isEqualTo("patient-view");
            assertThat(service.get("description").asText()).isNotBlank();
            service.get("prefetch").forEach(t -> assertThat(t.asText()).contains("{{context.patientId}}"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"index-00-discovery.json", "index-26-discovery.json"})
    void theSpecsDiscoveryExamplesReadAsServiceDescriptions(String file) throws Exception {
        JsonNode services = example("cds-hooks-2.0.1/" + file).get("services");
        for (JsonNode service : services) {
            assertThat(service.get("hook").isTextual()).isTrue();
            assertThat(service.get("id").isTextual()).isTrue();
            assertThat(service.get("description").isTextual()).isTrue();
        }
    }

    @Test
    void theSpecsRequestExampleIsAnsweredFromItsFhirServerWhenItsPrefetchKeysAreNotOurs() throws Exception {
        ObjectNode request = (ObjectNode) example("cds-hooks-2.0.1/index-01-request.json");
        request.put("fhirServer", fhir.baseUrl());
        fhir.resetRequests();
        HttpResponse<String> response = send("POST", "/cds-services/naltrexone-opioid-safety", request.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"cards\":[]}");
        // Its prefetch key "patientToGreet" answers none of our templates: all were fetched, with its token.
        assertThat(fhir.getAllServeEvents()).hasSize(content.catalog().find("naltrexone-opioid-safety").orElseThrow()
                .prefetch().size());
        fhir.getAllServeEvents().forEach(e -> assertThat(e.getRequest().getHeader("Authorization"))
                .isEqualTo("Bearer some-opaque-fhir-access-token"));
    }

    @Test
    void theSpecsExtensionExampleLacksPatientIdAndIsRefusedNamingIt() throws Exception {
        JsonNode request = example("cds-hooks-2.0.1/index-25-request.json");
        HttpResponse<String> response = send("POST", "/cds-services/naltrexone-opioid-safety", request.toString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/issue/0/expression/0").asText()).isEqualTo("context.patientId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"index-09-response.json", "index-15-response.json", "index-16-response.json"})
    void theSpecsResponseExamplesRoundTripThroughOurWireModel(String file) throws Exception {
        JsonNode original = example("cds-hooks-2.0.1/" + file);
        CdsResponse parsed = wire.treeToValue(original, CdsResponse.class);
        JsonNode roundTrip = wire.valueToTree(parsed);
        assertThat(roundTrip).isEqualTo(original);
    }

    @Test
    void theSpecsLungCancerExampleOmitsTheRequiredIndicatorAndOurModelSaysSo() throws Exception {
        JsonNode original = example("cds-hooks-2.0.1/index-17-response.json");
        assertThatThrownBy(() -> wire.treeToValue(original, CdsResponse.class))
                .hasStackTraceContaining("indicator");
    }

    /**
     * The spec's feedback examples name cards this server never issued, at times before it issued any: as sent they
     * are refused naming the card. Pointed at a card it issued (uuid, a time after it, a reason the card offers),
     * each shape is accepted.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cds-hooks-2.0.1/index-18-feedback.json", "cds-hooks-2.0.1/index-19-feedback.json",
        "cds-hooks-2.0.1/index-20-feedback.json", "ahrq/feedback.json"})
    void theSpecsFeedbackExamplesAreAcceptedForACardThisServerIssued(String file) throws Exception {
        String service = "/cds-services/naltrexone-opioid-safety";
        HttpResponse<String> verbatim = send("POST", service + "/feedback", example(file).toString());
        assertThat(verbatim.statusCode()).isEqualTo(400);
        assertThat(json(verbatim).at("/issue/0/expression/0").asText()).isEqualTo("feedback[0].card");

        JsonNode card = json(send("POST", service, org.cqlhooks.testing.Calls.naltrexoneWithOpioid("p-fb", "Name")
                .toString())).at("/cards/0");
        JsonNode feedback = example(file);
        for (JsonNode item : feedback.get("feedback")) {
            ((ObjectNode) item).put("card", card.get("uuid").asText())
                    .put("outcomeTimestamp", java.time.Instant.now().toString());
            if (item.has("overrideReason")) {
                ((ObjectNode) item.get("overrideReason")).set("reason", card.at("/overrideReasons/0"));
            }
        }
        assertThat(send("POST", service + "/feedback", feedback.toString()).statusCode()).isEqualTo(200);
    }

    @Test
    void feedbackThatBreaksTheSpecIsRefusedNamingTheField() throws Exception {
        String body = "{\"feedback\":[{\"card\":\"c\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2021-12-11T10:05:31Z\"}]}";
        HttpResponse<String> response = send("POST", "/cds-services/naltrexone-opioid-safety/feedback", body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/issue/0/expression/0").asText()).isEqualTo("feedback[0].acceptedSuggestions");
        assertThat(send("POST", "/cds-services/nope/feedback", body).statusCode()).isEqualTo(404);
    }

    @Test
    void aSyntheaPatientAsPrefetchIsAnsweredWithWellFormedCards() throws Exception {
        List<IBaseResource> margery = new ArrayList<>(Synthea.load(Synthea.MARGERY));
        String patientId = Synthea.patientId(margery);
        CdsService service = content.catalog().find("naltrexone-opioid-safety").orElseThrow();

        // As recorded: no naltrexone, no opioid, so no card.
        HttpResponse<String> plain = send("POST", "/cds-services/" + service.id(),
                Requests.withPrefetch(service, patientId, margery).toString());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(json(plain).get("cards")).isEmpty();

        // With compounded LDN and an oxycodone order added to her record (those of the case Calls names): the
        // critical card.
        Calls.ntxOpioidRecord(patientId, null).stream().filter(r -> !r.fhirType().equals("Patient"))
                .forEach(margery::add);
        HttpResponse<String> response = send("POST", "/cds-services/" + service.id(),
                Requests.withPrefetch(service, patientId, margery).toString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode cards = json(response).get("cards");
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertThat(card.get("uuid").asText()).matches("[0-9a-f-]{36}");
        assertThat(card.get("summary").asText().length()).isBetween(1, 139);
        assertThat(card.get("indicator").asText()).isEqualTo("critical");
        assertThat(card.at("/source/label").asText()).isNotBlank();
        assertThat(card.at("/source/topic/code").asText()).isEqualTo("NTX-OPIOID");
        // Records are named by what they are in the text; their references are in the evidence extension.
        assertThat(card.get("detail").asText()).contains("oxycodone hydrochloride 5 MG Oral Tablet",
                "LDN 4.5 mg capsule", "Regulatory label").doesNotContain("MedicationRequest/oxy");
        assertThat(card.at("/extension/org.cqlhooks.evidence-resources").toString())
                .contains("\"MedicationRequest/oxy\"", "\"MedicationStatement/ldn\"");
        card.fields().forEachRemaining(f -> assertThat(f.getValue().isNull() || f.getValue().isEmpty()
                && !f.getValue().isValueNode()).as("empty field %s", f.getKey()).isFalse());
    }

}
