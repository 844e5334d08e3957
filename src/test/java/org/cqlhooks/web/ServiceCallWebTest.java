package org.cqlhooks.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cqlhooks.web.ServiceCalls.PATIENT;
import static org.cqlhooks.web.ServiceCalls.SERVICE;
import static org.cqlhooks.web.ServiceCalls.TOKEN;
import static org.cqlhooks.web.ServiceCalls.call;
import static org.cqlhooks.web.ServiceCalls.fullPrefetch;
import static org.cqlhooks.web.ServiceCalls.ldn;
import static org.cqlhooks.web.ServiceCalls.oxycodone;
import static org.cqlhooks.web.ServiceCalls.searchset;
import static org.cqlhooks.web.ServiceCalls.tree;
import static org.cqlhooks.web.ServiceCalls.withFhirServer;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cqlhooks.testing.CardChecks;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.ServerTest;
import org.cqlhooks.testing.StubFhirServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The POST /cds-services/{id} path end to end (MockMvc), with a stub EHR FHIR server: prefetch given, missing, null,
 * an OperationOutcome, or not sent at all, and search results paged. The patient is the LDN-and-oxycodone case of
 * {@link Calls} ({@link ServiceCalls}); the refusals are ServiceCallRefusalsWebTest's.
 */
@ServerTest
class ServiceCallWebTest {

    @RegisterExtension
    static final StubFhirServer fhir = new StubFhirServer();

    @Autowired
    MockMvc mvc;

    // ---------- prefetch ----------

    @Test
    void prefetchGivenIsUsedAndNothingIsFetched() throws Exception {
        ResultActions result = call(mvc, SERVICE, withFhirServer(fullPrefetch(), fhir)).andExpect(status().isOk());
        assertThat(CardChecks.ids(result)).containsExactly("NTX-OPIOID");
        result.andExpect(jsonPath("$.cards[0].indicator").value("critical"))
                .andExpect(jsonPath("$.systemActions").doesNotExist());
        assertThat(fhir.received()).isEmpty();
    }

    @Test
    void aMissingPrefetchKeyIsFetchedWithTheBearerToken() throws Exception {
        ObjectNode request = withFhirServer(fullPrefetch(), fhir);
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        fhir.answer("MedicationRequest", PATIENT, oxycodone());

        assertThat(CardChecks.ids(call(mvc, SERVICE, request).andExpect(status().isOk()))).containsExactly("NTX-OPIOID");
        fhir.wireMock().verify(1, getRequestedFor(urlPathEqualTo("/fhir/MedicationRequest"))
                .withQueryParam("_include", equalTo("MedicationRequest:medication"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertThat(fhir.received()).hasSize(1);
    }

    @Test
    void aNullPrefetchKeyIsFetched() throws Exception {
        ObjectNode request = withFhirServer(fullPrefetch(), fhir);
        ((ObjectNode) request.get("prefetch")).putNull("medicationRequests");
        fhir.answer("MedicationRequest", PATIENT, oxycodone());

        assertThat(CardChecks.ids(call(mvc, SERVICE, request).andExpect(status().isOk()))).containsExactly("NTX-OPIOID");
        assertThat(fhir.received()).hasSize(1);
    }

    @Test
    void anOperationOutcomeInPrefetchIsFetchedAgain() throws Exception {
        ObjectNode request = withFhirServer(fullPrefetch(), fhir);
        OperationOutcome failed = new OperationOutcome();
        failed.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.TIMEOUT);
        ((ObjectNode) request.get("prefetch")).set("medicationRequests", tree(failed));
        fhir.answer("MedicationRequest", PATIENT, oxycodone());

        assertThat(CardChecks.ids(call(mvc, SERVICE, request).andExpect(status().isOk()))).containsExactly("NTX-OPIOID");
        assertThat(fhir.received()).hasSize(1);
    }

    @Test
    void aRequestWithoutPrefetchIsAnsweredFromTheFhirServer() throws Exception {
        ObjectNode request = withFhirServer(Requests.patientView(PATIENT), fhir);
        fhir.answer("MedicationRequest", PATIENT, oxycodone());
        fhir.answer("MedicationStatement", PATIENT, ldn());
        fhir.answer("MedicationDispense", PATIENT, searchset());
        fhir.answer("MedicationAdministration", PATIENT, searchset());
        fhir.answer("Observation", PATIENT, searchset());

        assertThat(CardChecks.ids(call(mvc, SERVICE, request).andExpect(status().isOk()))).containsExactly("NTX-OPIOID");
        assertThat(fhir.received()).hasSize(5);
    }

    @Test
    void searchResultsArePagedToTheEnd() throws Exception {
        ObjectNode request = withFhirServer(Requests.patientView(PATIENT), fhir);
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
        fhir.answer("MedicationStatement", PATIENT, ldn());
        fhir.answer("MedicationDispense", PATIENT, searchset());
        fhir.answer("MedicationAdministration", PATIENT, searchset());
        fhir.answer("Observation", PATIENT, searchset());

        // The only opioid is on page 3: the card proves all three pages were read.
        assertThat(CardChecks.ids(call(mvc, SERVICE, request).andExpect(status().isOk()))).containsExactly("NTX-OPIOID");
        fhir.wireMock().verify(3, getRequestedFor(urlPathEqualTo("/fhir/MedicationRequest")));
    }

    @Test
    void anUnknownExtensionMemberIsAccepted() throws Exception {
        ObjectNode request = fullPrefetch();
        request.putObject("extension").put("com.example.timestamp", "2017-11-27T22:13:25Z");
        assertThat(CardChecks.ids(call(mvc, SERVICE, request).andExpect(status().isOk()))).containsExactly("NTX-OPIOID");
    }

    @Test
    void noCardsIsAnEmptyArray() throws Exception {
        ObjectNode request = fullPrefetch();
        ((ObjectNode) request.get("prefetch")).set("medicationRequests", tree(searchset()));
        call(mvc, SERVICE, request).andExpect(status().isOk())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString()).isEqualTo("{\"cards\":[]}"));
    }
}
