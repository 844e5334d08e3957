package org.cqlhooks.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cqlhooks.web.ServiceCalls.PATIENT;
import static org.cqlhooks.web.ServiceCalls.SERVICE;
import static org.cqlhooks.web.ServiceCalls.assertOutcome;
import static org.cqlhooks.web.ServiceCalls.call;
import static org.cqlhooks.web.ServiceCalls.fullPrefetch;
import static org.cqlhooks.web.ServiceCalls.oxycodone;
import static org.cqlhooks.web.ServiceCalls.withFhirServer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.ServerTest;
import org.cqlhooks.testing.StubFhirServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The refusals of POST /cds-services/{id} end to end (MockMvc), each a status of the spec with an OperationOutcome
 * naming the fault: JSON and requests that break the spec (400), an unknown service (404), and data neither
 * prefetched nor obtainable from the FHIR server, whatever the server does wrong (412). The call is
 * {@link ServiceCalls}' with a stub EHR FHIR server.
 */
@ServerTest
class ServiceCallRefusalsWebTest {

    @RegisterExtension
    static final StubFhirServer fhir = new StubFhirServer();

    @Autowired
    MockMvc mvc;

    @Test
    void malformedJsonIs400() throws Exception {
        assertOutcome(call(mvc, SERVICE, "{\"hook\": ").andExpect(status().isBadRequest()), "invalid", null, "not valid JSON");
    }

    @Test
    void aRequestBreakingTheSpecIs400NamingTheField() throws Exception {
        ObjectNode request = fullPrefetch();
        ((ObjectNode) request.get("context")).remove("patientId");
        assertOutcome(call(mvc, SERVICE, request).andExpect(status().isBadRequest()), "invalid", "context.patientId",
                "context.patientId is required");
    }

    @Test
    void anUnknownServiceIs404() throws Exception {
        assertOutcome(call(mvc, "/cds-services/no-such-service", fullPrefetch()).andExpect(status().isNotFound()),
                "not-found", null, "no-such-service");
    }

    @Test
    void anotherHookThanTheServicesIs400() throws Exception {
        ObjectNode request = fullPrefetch().put("hook", "order-sign");
        assertOutcome(call(mvc, SERVICE, request).andExpect(status().isBadRequest()), "invalid", "hook", "patient-view");
    }

    @Test
    void dataNeitherPrefetchedNorFetchableIs412() throws Exception {
        assertOutcome(call(mvc, SERVICE, Requests.patientView(PATIENT)).andExpect(status().isPreconditionFailed()),
                "incomplete", null, "no fhirServer");
    }

    @Test
    void aFhirServerAnswering401Is412() throws Exception {
        fhir.wireMock().stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).willReturn(aResponse().withStatus(401)));
        ObjectNode request = withFhirServer(fullPrefetch(), fhir);
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        assertOutcome(call(mvc, SERVICE, request).andExpect(status().isPreconditionFailed()), "incomplete", null,
                "refused access (HTTP 401)");
    }

    @Test
    void aWrongTokenIsRefusedByTheFhirServerAnd412() throws Exception {
        fhir.answer("MedicationRequest", PATIENT, oxycodone());
        ObjectNode request = withFhirServer(fullPrefetch(), fhir);
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        ((ObjectNode) request.get("fhirAuthorization")).put("access_token", "stolen");
        assertOutcome(call(mvc, SERVICE, request).andExpect(status().isPreconditionFailed()), "incomplete", null,
                "HTTP 404");
        // The server asked with the token it was given, and only once.
        assertThat(fhir.received()).hasSize(1);
        assertThat(fhir.received().get(0).getRequest().getHeader("Authorization")).isEqualTo("Bearer stolen");
    }

    @Test
    void aFhirServerAnswering500Is412() throws Exception {
        fhir.wireMock().stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).willReturn(aResponse().withStatus(500)));
        ObjectNode request = withFhirServer(fullPrefetch(), fhir);
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        assertOutcome(call(mvc, SERVICE, request).andExpect(status().isPreconditionFailed()), "incomplete", null,
                "HTTP 500");
    }

    @Test
    void aFhirServerSlowerThanTheDeadlineIs412() throws Exception {
        fhir.wireMock().stubFor(get(urlPathEqualTo("/fhir/MedicationRequest"))
                .willReturn(okJson(Requests.json(oxycodone())).withFixedDelay(8000)));
        ObjectNode request = withFhirServer(fullPrefetch(), fhir);
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        assertOutcome(call(mvc, SERVICE, request).andExpect(status().isPreconditionFailed()), "incomplete", null,
                "in time");
    }

    @Test
    void anUnreachableFhirServerIs412() throws Exception {
        ObjectNode request = fullPrefetch();
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        request.put("fhirServer", "http://127.0.0.1:9/fhir");
        assertOutcome(call(mvc, SERVICE, request).andExpect(status().isPreconditionFailed()), "incomplete", null,
                "could not be reached");
    }

    @Test
    void aFhirServerAnsweringSomethingElseThanFhirIs412() throws Exception {
        fhir.wireMock().stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).willReturn(okJson("{\"hello\":\"world\"}")));
        ObjectNode request = withFhirServer(fullPrefetch(), fhir);
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        assertOutcome(call(mvc, SERVICE, request).andExpect(status().isPreconditionFailed()), "incomplete", null,
                "not FHIR JSON");
    }

    @Test
    void aPrefetchValueThatIsNotFhirIs400NamingTheKey() throws Exception {
        ObjectNode request = fullPrefetch();
        ((ObjectNode) request.get("prefetch")).putObject("medicationRequests").put("resourceType", "Nonsense");
        assertOutcome(call(mvc, SERVICE, request).andExpect(status().isBadRequest()), "invalid",
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
