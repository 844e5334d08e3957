package org.cqlhooks.trust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The server cannot be turned against other hosts: a trusted client's calls go only to its own FHIR servers, never to
 * link-local or metadata addresses, and a {@code next} link to another origin is not followed, so the EHR's token
 * never reaches a second server (the "attacker" WireMock here).
 */
@SpringBootTest
@AutoConfigureMockMvc
class FhirServerSsrfTest {

    static final String EHR = "https://ehr.example.org";
    static final String TOKEN = "ehr-access-token-for-its-own-fhir-server";
    static final ECKey KEY = TestKeys.ec("ehr-1");
    static final WireMockServer ehrFhir = started();
    static final WireMockServer attacker = started();

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void ehrFhirServer(DynamicPropertyRegistry registry) {
        // A list binds from one property source: the whole client is given here.
        registry.add("cds.security.clients[0].issuer", () -> EHR);
        registry.add("cds.security.clients[0].jwks", () -> EHR + "/jwks.json");
        registry.add("cds.security.clients[0].fhir-servers[0]", () -> ehrFhir.baseUrl() + "/fhir");
        // A careless configuration that lists a metadata address: still refused.
        registry.add("cds.security.clients[0].fhir-servers[1]", () -> "https://169.254.169.254/");
    }

    @TestConfiguration
    static class Keys {
        @Bean
        @Primary
        JwksLoader ehrKeys() {
            return TestKeys.servingOnly(KEY);
        }
    }

    @Autowired
    MockMvc mvc;

    @AfterAll
    static void stop() {
        ehrFhir.stop();
        attacker.stop();
    }

    @BeforeEach
    void reset() {
        ehrFhir.resetAll();
        attacker.resetAll();
        attacker.stubFor(get(anyUrl()).willReturn(okJson("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}")));
    }

    /** The NTX request without its medicationRequests prefetch, so that one is fetched from {@code fhirServer}. */
    private ResultActions callWith(String fhirServer) throws Exception {
        ObjectNode request = Calls.naltrexoneWithOpioid("p1", "Test Patient");
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        request.put("fhirServer", fhirServer);
        request.putObject("fhirAuthorization").put("access_token", TOKEN).put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "user/*.read").put("subject", "cql-hooks");
        String jwt = TestKeys.sign(KEY, TestKeys.claims(EHR, "http://localhost" + Calls.NTX_SERVICE, Instant.now())
                .build());
        return mvc.perform(post(Calls.NTX_SERVICE).header("Authorization", "Bearer " + jwt)
                .contentType(MediaType.APPLICATION_JSON).content(request.toString()));
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
        ehrFhir.stubFor(get(urlPathEqualTo("/fhir/MedicationRequest"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("""
                        {"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":
                         "MedicationRequest","id":"oxy","status":"active","intent":"order",
                         "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                         "code":"1049621"}]},"subject":{"reference":"Patient/p1"}}}]}""")));
        callWith(ehrFhir.baseUrl() + "/fhir").andExpect(status().isOk())
                .andExpect(jsonPath("$.cards[0].source.topic.code").value("NTX-OPIOID"));
    }

    @Test
    void aHostOutsideTheClientsListIsRefusedAndNeverCalled() throws Exception {
        assertRefused(callWith(attacker.baseUrl() + "/fhir"), "not one of the FHIR servers");
        assertThat(attacker.getAllServeEvents()).isEmpty();
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
        ehrFhir.stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).willReturn(okJson("""
                {"resourceType":"Bundle","type":"searchset",
                 "link":[{"relation":"next","url":"%s/fhir/MedicationRequest?page=2"}]}"""
                .formatted(attacker.baseUrl()))));

        ResultActions result = callWith(ehrFhir.baseUrl() + "/fhir").andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.issue[0].diagnostics").value(
                        org.hamcrest.Matchers.containsString("leaves its origin")));
        assertThat(Requests.JSON.readTree(result.andReturn().getResponse().getContentAsString()).toString())
                .doesNotContain(TOKEN);
        ehrFhir.verify(getRequestedFor(urlPathEqualTo("/fhir/MedicationRequest"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertThat(attacker.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRedirectToAnotherOriginIsNotFollowed() throws Exception {
        ehrFhir.stubFor(get(urlPathEqualTo("/fhir/MedicationRequest")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", attacker.baseUrl() + "/fhir/MedicationRequest")));
        callWith(ehrFhir.baseUrl() + "/fhir").andExpect(status().isPreconditionFailed());
        assertThat(attacker.getAllServeEvents()).isEmpty();
    }
}
