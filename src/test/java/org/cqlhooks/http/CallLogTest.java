package org.cqlhooks.http;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import org.cqlhooks.testing.TestKeys;
import org.cqlhooks.trust.JwksLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Logs never carry secrets or patient data: a full call (JWT, EHR access token, prefetch and a fetched resource
 * naming the patient) and failing calls with the same data, with the server's and Spring Security's debug logging
 * on; neither the JWT, the access token nor the patient's name appears, and the one call line does.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = {"logging.level.org.cqlhooks=DEBUG", "logging.level.org.springframework.security=DEBUG",
        "logging.level.org.springframework.web=DEBUG"})
@AutoConfigureMockMvc
class CallLogTest {

    static final String EHR = "https://ehr-logs.example.org";
    static final String ACCESS_TOKEN = "fhir-access-token-7c1e9b2d";
    static final String PATIENT_NAME = "Zebulon Quixotehart";
    static final ECKey KEY = TestKeys.ec("logs-1");
    static final WireMockServer fhir = started();

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void client(DynamicPropertyRegistry registry) {
        registry.add("cds.security.clients[0].issuer", () -> EHR);
        registry.add("cds.security.clients[0].jwks", () -> EHR + "/jwks.json");
        registry.add("cds.security.clients[0].fhir-servers[0]", () -> fhir.baseUrl() + "/fhir");
    }

    @TestConfiguration
    static class Keys {
        @Bean
        @Primary
        JwksLoader logKeys() {
            return TestKeys.servingOnly(KEY);
        }
    }

    @Autowired
    MockMvc mvc;

    @AfterAll
    static void stop() {
        fhir.stop();
        // Debug levels are JVM-wide: give the test classes after this one their normal logging back.
        LoggingSystem logging = LoggingSystem.get(CallLogTest.class.getClassLoader());
        for (String logger : new String[] {"org.cqlhooks", "org.springframework.security", "org.springframework.web"}) {
            logging.setLogLevel(logger, null);
        }
    }

    private static String jwt() {
        return TestKeys.sign(KEY, TestKeys.claims(EHR, "http://localhost" + Calls.NTX_SERVICE, Instant.now()).build());
    }

    private static ObjectNode request() {
        ObjectNode request = Calls.naltrexoneWithOpioid("p1", PATIENT_NAME);
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        request.put("hookInstance", "2b8c6f0e-log-test");
        request.put("fhirServer", fhir.baseUrl() + "/fhir");
        request.putObject("fhirAuthorization").put("access_token", ACCESS_TOKEN).put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "user/*.read").put("subject", "cql-hooks");
        return request;
    }

    @Test
    void neitherTokensNorPatientDataReachTheLogs(CapturedOutput output) throws Exception {
        fhir.stubFor(get(urlPathEqualTo("/fhir/MedicationRequest"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)).willReturn(okJson("""
                        {"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":
                         "MedicationRequest","id":"oxy","status":"active","intent":"order",
                         "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                         "code":"1049621"}]},"subject":{"reference":"Patient/p1","display":"%s"}}}]}"""
                        .formatted(PATIENT_NAME))));
        String jwt = jwt();
        mvc.perform(post(Calls.NTX_SERVICE).header("Authorization", "Bearer " + jwt)
                        .contentType(MediaType.APPLICATION_JSON).content(request().toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cards[0].source.topic.code").value("NTX-OPIOID"));
        // The same JWT again (a replay, 401), and a malformed prefetch with the name in it (400).
        mvc.perform(post(Calls.NTX_SERVICE).header("Authorization", "Bearer " + jwt)
                .contentType(MediaType.APPLICATION_JSON).content(request().toString()))
                .andExpect(status().isUnauthorized());
        ObjectNode broken = request();
        ((ObjectNode) broken.get("prefetch")).putObject("medicationStatements").put("resourceType", PATIENT_NAME);
        String secondJwt = jwt();
        mvc.perform(post(Calls.NTX_SERVICE).header("Authorization", "Bearer " + secondJwt)
                .contentType(MediaType.APPLICATION_JSON).content(broken.toString()))
                .andExpect(status().isBadRequest());

        String logs = output.getAll();
        assertThat(logs).contains("cds-call endpoint=service service=naltrexone-opioid-safety "
                + "hookInstance=2b8c6f0e-log-test client=" + EHR + " status=200 cards=1 fhirCalls=1");
        assertThat(logs).contains("status=401").contains("status=400");
        for (String secret : new String[] {jwt, jwt.substring(jwt.lastIndexOf('.') + 1), secondJwt, ACCESS_TOKEN,
                PATIENT_NAME, "Zebulon", "Quixotehart"}) {
            assertThat(logs).doesNotContain(secret);
        }
    }
}
