package org.cqlhooks.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.cqlhooks.testing.CardChecks;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.ServerTest;
import org.cqlhooks.testing.StubFhirServer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The POST /cds-services/{id} path end to end (MockMvc), with a stub EHR FHIR server: every status code of the spec,
 * and prefetch given, missing, null, an OperationOutcome, or not sent at all. The patient is the LDN-and-oxycodone
 * case of {@link Calls}.
 */
@ServerTest
class ServiceCallWebTest {

    private static final String SERVICE = Calls.NTX_SERVICE;
    private static final String PATIENT = Calls.NTX_PATIENT;
    private static final String TOKEN = StubFhirServer.TOKEN;
    private static final List<IBaseResource> RECORD = Calls.ntxOpioidRecord(PATIENT, null);

    @RegisterExtension
    static final StubFhirServer fhir = new StubFhirServer();

    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void warmUp() throws Exception {
        // WireMock's first answer is slow on a busy machine (its Jetty warms up): keep that out of the read time-out
        // of whichever test happens to run first.
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(fhir.url() + "/warm-up")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    // ---------- data ----------

    private static Bundle oxycodone() {
        return Calls.searchset(Calls.ofType(RECORD, "MedicationRequest"));
    }

    private static Bundle ldn() {
        return Calls.searchset(Calls.ofType(RECORD, "MedicationStatement"));
    }

    private static Bundle searchset() {
        return Calls.searchset(List.of());
    }

    private static JsonNode tree(Resource resource) {
        try {
            return Requests.JSON.readTree(Requests.json(resource));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request with full prefetch for the NTX service: the LDN statement and the active oxycodone order. */
    private static ObjectNode fullPrefetch() {
        return Calls.naltrexoneWithOpioid(PATIENT, null);
    }

    private static ObjectNode withFhirServer(ObjectNode request) {
        return Requests.withFhirServer(request, fhir.url(), TOKEN);
    }

    /** Stubs a search answered only with the right bearer token (else WireMock answers 404, a failure). */
    private static void stubSearch(String type, Bundle answer) {
        fhir.answer(type, PATIENT, answer);
    }

    private ResultActions call(String path, Object body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body.toString()));
    }

    private static List<String> cardIds(ResultActions result) throws Exception {
        return CardChecks.ids(result.andReturn().getResponse().getContentAsString());
    }

    private static void assertOutcome(ResultActions result, String code, String expression, String diagnostics)
            throws Exception {
        result.andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
                .andExpect(jsonPath("$.issue[0].severity").value("error"))
                .andExpect(jsonPath("$.issue[0].code").value(code));
        String body = result.andReturn().getResponse().getContentAsString();
        if (expression != null) {
            assertThat(Requests.JSON.readTree(body).at("/issue/0/expression/0").asText()).isEqualTo(expression);
        }
        assertThat(Requests.JSON.readTree(body).at("/issue/0/diagnostics").asText()).contains(diagnostics);
    }

    // ---------- prefetch ----------

    @Test
    void prefetchGivenIsUsedAndNothingIsFetched() throws Exception {
        ResultActions result = call(SERVICE, withFhirServer(fullPrefetch())).andExpect(status().isOk());
        assertThat(cardIds(result)).containsExactly("NTX-OPIOID");
        result.andExpect(jsonPath("$.cards[0].indicator").value("critical"))
                .andExpect(jsonPath("$.systemActions").doesNotExist());
        assertThat(fhir.received()).isEmpty();
    }

    @Test
    void aMissingPrefetchKeyIsFetchedWithTheBearerToken() throws Exception {
        ObjectNode request = withFhirServer(fullPrefetch());
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        stubSearch("MedicationRequest", oxycodone());

        assertThat(cardIds(call(SERVICE, request).andExpect(status().isOk()))).containsExactly("NTX-OPIOID");
        fhir.wireMock().verify(1, getRequestedFor(urlPathEqualTo("/fhir/MedicationRequest"))
                .withQueryParam("_include", equalTo("MedicationRequest:medication"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertThat(fhir.received()).hasSize(1);
    }

    @Test
    void aNullPrefetchKeyIsFetched() throws Exception {
        ObjectNode request = withFhirServer(fullPrefetch());
        ((ObjectNode) request.get("prefetch")).putNull("medicationRequests");
        stubSearch("MedicationRequest", oxycodone());

        assertThat(cardIds(call(SERVICE, request).andExpect(status().isOk()))).containsExactly("NTX-OPIOID");
        assertThat(fhir.received()).hasSize(1);
    }

    @Test
    void anOperationOutcomeInPrefetchIsFetchedAgain() throws Exception {
        ObjectNode request = withFhirServer(fullPrefetch());
        OperationOutcome failed = new OperationOutcome();
        failed.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.TIMEOUT);
        ((ObjectNode) request.get("prefetch")).set("medicationRequests", tree(failed));
        stubSearch("MedicationRequest", oxycodone());

        assertThat(cardIds(call(SERVICE, request).andExpect(status().isOk()))).containsExactly("NTX-OPIOID");
        assertThat(fhir.received()).hasSize(1);
    }

    @Test
    void aRequestWithoutPrefetchIsAnsweredFromTheFhirServer() throws Exception {
        ObjectNode request = withFhirServer(Requests.patientView(PATIENT));
        stubSearch("MedicationRequest", oxycodone());
        stubSearch("MedicationStatement", ldn());
        stubSearch("MedicationDispense", searchset());
        stubSearch("MedicationAdministration", searchset());
        stubSearch("Observation", searchset());

        assertThat(cardIds(call(SERVICE, request).andExpect(status().isOk()))).containsExactly("NTX-OPIOID");
        assertThat(fhir.received()).hasSize(5);
    }

    @Test
    void searchResultsArePagedToTheEnd() throws Exception {
        ObjectNode request = withFhirServer(Requests.patientView(PATIENT));
        String base = fhir.url() + "/";
        Bundle page1 = searchset();
        page1.addLink().setRelation("next").setUrl(base + "MedicationRequest?patient=" + PATIENT + "&page=2");
        Bundle page2 = searchset();
        page2.addLink().setRelation("next").setUrl(base + "MedicationRequest?patient=" + PATIENT + "&page=3");
        Bundle page3 = oxycodone();
        fhir.wireMock().stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).withQueryParam("_include", equalTo(
                "MedicationRequest:medication")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(Requests.json(page1))));
        fhir.wireMock().stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).withQueryParam("page", equalTo("2"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(okJson(Requests.json(page2))));
        fhir.wireMock().stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).withQueryParam("page", equalTo("3"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(okJson(Requests.json(page3))));
        stubSearch("MedicationStatement", ldn());
        stubSearch("MedicationDispense", searchset());
        stubSearch("MedicationAdministration", searchset());
        stubSearch("Observation", searchset());

        // The only opioid is on page 3: the card proves all three pages were read.
        assertThat(cardIds(call(SERVICE, request).andExpect(status().isOk()))).containsExactly("NTX-OPIOID");
        fhir.wireMock().verify(3, getRequestedFor(urlPathEqualTo("/fhir/MedicationRequest")));
    }

    @Test
    void anUnknownExtensionMemberIsAccepted() throws Exception {
        ObjectNode request = fullPrefetch();
        request.putObject("extension").put("com.example.timestamp", "2017-11-27T22:13:25Z");
        assertThat(cardIds(call(SERVICE, request).andExpect(status().isOk()))).containsExactly("NTX-OPIOID");
    }

    @Test
    void noCardsIsAnEmptyArray() throws Exception {
        ObjectNode request = fullPrefetch();
        ((ObjectNode) request.get("prefetch")).set("medicationRequests", tree(searchset()));
        call(SERVICE, request).andExpect(status().isOk())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString()).isEqualTo("{\"cards\":[]}"));
    }

    // ---------- status codes ----------

    @Test
    void malformedJsonIs400() throws Exception {
        assertOutcome(call(SERVICE, "{\"hook\": ").andExpect(status().isBadRequest()), "invalid", null, "not valid JSON");
    }

    @Test
    void aRequestBreakingTheSpecIs400NamingTheField() throws Exception {
        ObjectNode request = fullPrefetch();
        ((ObjectNode) request.get("context")).remove("patientId");
        assertOutcome(call(SERVICE, request).andExpect(status().isBadRequest()), "invalid", "context.patientId",
                "context.patientId is required");
    }

    @Test
    void anUnknownServiceIs404() throws Exception {
        assertOutcome(call("/cds-services/no-such-service", fullPrefetch()).andExpect(status().isNotFound()),
                "not-found", null, "no-such-service");
    }

    @Test
    void anotherHookThanTheServicesIs400() throws Exception {
        ObjectNode request = fullPrefetch().put("hook", "order-sign");
        assertOutcome(call(SERVICE, request).andExpect(status().isBadRequest()), "invalid", "hook", "patient-view");
    }

    @Test
    void dataNeitherPrefetchedNorFetchableIs412() throws Exception {
        assertOutcome(call(SERVICE, Requests.patientView(PATIENT)).andExpect(status().isPreconditionFailed()),
                "incomplete", null, "no fhirServer");
    }

    @Test
    void aFhirServerAnswering401Is412() throws Exception {
        fhir.wireMock().stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).willReturn(aResponse().withStatus(401)));
        ObjectNode request = withFhirServer(fullPrefetch());
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        assertOutcome(call(SERVICE, request).andExpect(status().isPreconditionFailed()), "incomplete", null,
                "refused access (HTTP 401)");
    }

    @Test
    void aWrongTokenIsRefusedByTheFhirServerAnd412() throws Exception {
        stubSearch("MedicationRequest", oxycodone());
        ObjectNode request = withFhirServer(fullPrefetch());
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        ((ObjectNode) request.get("fhirAuthorization")).put("access_token", "stolen");
        assertOutcome(call(SERVICE, request).andExpect(status().isPreconditionFailed()), "incomplete", null,
                "HTTP 404");
        // The server asked with the token it was given, and only once.
        assertThat(fhir.received()).hasSize(1);
        assertThat(fhir.received().get(0).getRequest().getHeader("Authorization")).isEqualTo("Bearer stolen");
    }

    @Test
    void aFhirServerAnswering500Is412() throws Exception {
        fhir.wireMock().stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).willReturn(aResponse().withStatus(500)));
        ObjectNode request = withFhirServer(fullPrefetch());
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        assertOutcome(call(SERVICE, request).andExpect(status().isPreconditionFailed()), "incomplete", null,
                "HTTP 500");
    }

    @Test
    void aFhirServerSlowerThanTheDeadlineIs412() throws Exception {
        fhir.wireMock().stubFor(get(urlPathEqualTo("/fhir/MedicationRequest"))
                .willReturn(okJson(Requests.json(oxycodone())).withFixedDelay(8000)));
        ObjectNode request = withFhirServer(fullPrefetch());
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        assertOutcome(call(SERVICE, request).andExpect(status().isPreconditionFailed()), "incomplete", null,
                "in time");
    }

    @Test
    void anUnreachableFhirServerIs412() throws Exception {
        ObjectNode request = fullPrefetch();
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        request.put("fhirServer", "http://127.0.0.1:9/fhir");
        assertOutcome(call(SERVICE, request).andExpect(status().isPreconditionFailed()), "incomplete", null,
                "could not be reached");
    }

    @Test
    void aFhirServerAnsweringSomethingElseThanFhirIs412() throws Exception {
        fhir.wireMock().stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).willReturn(okJson("{\"hello\":\"world\"}")));
        ObjectNode request = withFhirServer(fullPrefetch());
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        assertOutcome(call(SERVICE, request).andExpect(status().isPreconditionFailed()), "incomplete", null,
                "not FHIR JSON");
    }

    @Test
    void aPrefetchValueThatIsNotFhirIs400NamingTheKey() throws Exception {
        ObjectNode request = fullPrefetch();
        ((ObjectNode) request.get("prefetch")).putObject("medicationRequests").put("resourceType", "Nonsense");
        assertOutcome(call(SERVICE, request).andExpect(status().isBadRequest()), "invalid",
                "prefetch.medicationRequests", "not a FHIR R4 resource");
    }

    @Test
    void unknownPathsAndMethodsAnswerInJson() throws Exception {
        ResultActions notFound = mvc.perform(post("/nothing-here").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isNotFound());
        assertOutcome(notFound, "not-found", null, "No such endpoint");
        ResultActions method = mvc.perform(put("/cds-services")).andExpect(status().isMethodNotAllowed());
        assertOutcome(method, "not-supported", null, "PUT");
    }
}
