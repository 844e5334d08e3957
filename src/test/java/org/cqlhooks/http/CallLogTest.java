package org.cqlhooks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.LogLevels;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.StubFhirServer;
import org.cqlhooks.testing.TrustedEhrTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Logs never carry secrets or patient data: a full call (JWT, EHR access token, prefetch and a fetched resource
 * naming the patient) and failing calls with the same data, with the server's and Spring Security's debug logging
 * on; neither the JWT, the access token nor the patient's name appears, and the one call line does.
 */
@ExtendWith(OutputCaptureExtension.class)
class CallLogTest extends TrustedEhrTest {

    static final String ACCESS_TOKEN = StubFhirServer.TOKEN;
    static final String PATIENT_NAME = "Zebulon Quixotehart";
    @RegisterExtension
    static final LogLevels levels = LogLevels.debug("org.cqlhooks", "org.springframework.security",
            "org.springframework.web");

    @Autowired
    MockMvc mvc;

    @AfterAll
    static void leaveTheSharedServerEmpty() {
        EHR_FHIR.reset();
    }

    private static String jwt() {
        return TrustedEhrTest.jwt("http://localhost" + Calls.NTX_SERVICE);
    }

    private static ObjectNode request() {
        ObjectNode request = Calls.naltrexoneWithOpioid(Calls.NTX_PATIENT, PATIENT_NAME);
        ((ObjectNode) request.get("prefetch")).remove("medicationRequests");
        request.put("hookInstance", "2b8c6f0e-log-test");
        return Requests.withFhirServer(request, EHR_FHIR.url(), ACCESS_TOKEN);
    }

    @Test
    void neitherTokensNorPatientDataReachTheLogs(CapturedOutput output) throws Exception {
        EHR_FHIR.reset();
        EHR_FHIR.answer("MedicationRequest", Calls.NTX_PATIENT, Calls.searchset(
                Calls.ofType(Calls.ntxOpioidRecord(Calls.NTX_PATIENT, PATIENT_NAME), "MedicationRequest")));
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
