package org.cqlhooks.trust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.StubFhirServer;
import org.cqlhooks.testing.TrustedEhrTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The server cannot be turned against other hosts: a trusted client's calls go only to its own FHIR servers, never to
 * link-local or metadata addresses, and a {@code next} link to another origin is not followed, so the EHR's token
 * never reaches a second server (the "attacker" stub here). The EHR and its FHIR server are {@link TrustedEhrTest}'s.
 */
class FhirServerSsrfTest extends TrustedEhrTest {

    static final String TOKEN = StubFhirServer.TOKEN;
    /** The EHR's own FHIR server, the only one its client lists (besides a metadata address). */
    static final StubFhirServer ehrFhir = EHR_FHIR;
    @RegisterExtension
    static final StubFhirServer attacker = new StubFhirServer();

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void reset() {
        ehrFhir.reset();
        attacker.wireMock().stubFor(get(anyUrl()).willReturn(okJson(
                "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}")));
    }

    @AfterAll
    static void leaveTheSharedServerEmpty() {
        ehrFhir.reset();
    }

    /** The NTX request without its medicationRequests prefetch, so that one is fetched from {@code fhirServer}. */
    private ResultActions callWith(String fhirServer) throws Exception {
        ObjectNode request = Calls.naltrexoneWithOpioid(Calls.NTX_PATIENT, "Test Patient");
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        Requests.withFhirServer(request, fhirServer, TOKEN);
        return mvc.perform(post(Calls.NTX_SERVICE).header("Authorization", "Bearer " + jwt("http://localhost"
                + Calls.NTX_SERVICE)).contentType(MediaType.APPLICATION_JSON).content(request.toString()));
    }

    private static void assertRefused(ResultActions result, String reason) throws Exception {
        result.andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
                .andExpect(jsonPath("$.issue[0].code").value("security"))
                .andExpect(jsonPath("$.issue[0].expression[0]").value("fhirServer"))
                .andExpect(jsonPath("$.issue[0].diagnostics").value(org.hamcrest.Matchers.containsString(reason)));
    }

    @Test
    void theClientsOwnFhirServerIsCalledWithItsToken() throws Exception {
        ehrFhir.answer("MedicationRequest", Calls.NTX_PATIENT, Calls.searchset(Calls.ofType(
                Calls.ntxOpioidRecord(Calls.NTX_PATIENT, null), "MedicationRequest")));
        callWith(ehrFhir.url()).andExpect(status().isOk())
                .andExpect(jsonPath("$.cards[0].source.topic.code").value("NTX-OPIOID"));
    }

    @Test
    void aHostOutsideTheClientsListIsRefusedAndNeverCalled() throws Exception {
        assertRefused(callWith(attacker.url()), "not one of the FHIR servers");
        assertThat(attacker.received()).isEmpty();
    }

    @Test
    void aLinkLocalMetadataAddressIsRefusedEvenWhenConfigured() throws Exception {
        assertRefused(callWith("https://169.254.169.254/latest"), "address this server does not call");
    }

    @Test
    void aFileUrlIsRefusedNamingTheField() throws Exception {
        callWith("file:///etc/passwd").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.issue[0].expression[0]").value("fhirServer"));
    }

    @Test
    void aNextLinkToAnotherOriginIsNotFollowedAndTheTokenStaysHome() throws Exception {
        ehrFhir.wireMock().stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).willReturn(okJson("""
                {"resourceType":"Bundle","type":"searchset",
                 "link":[{"relation":"next","url":"%s/MedicationRequest?page=2"}]}"""
                .formatted(attacker.url()))));

        ResultActions result = callWith(ehrFhir.url()).andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.issue[0].diagnostics").value(
                        org.hamcrest.Matchers.containsString("leaves its origin")));
        assertThat(Requests.JSON.readTree(result.andReturn().getResponse().getContentAsString()).toString())
                .doesNotContain(TOKEN);
        ehrFhir.wireMock().verify(getRequestedFor(urlPathEqualTo("/fhir/MedicationRequest"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertThat(attacker.received()).isEmpty();
    }

    @Test
    void aRedirectToAnotherOriginIsNotFollowed() throws Exception {
        ehrFhir.wireMock().stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).willReturn(aResponse()
                .withStatus(302).withHeader("Location", attacker.url() + "/MedicationRequest")));
        callWith(ehrFhir.url()).andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
        assertThat(attacker.received()).isEmpty();
    }
}
