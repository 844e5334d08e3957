package org.cqlhooks.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.Outcomes;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.StubFhirServer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The service call of ServiceCallWebTest and ServiceCallRefusalsWebTest: the LDN-and-oxycodone case of {@link Calls}
 * sent to naltrexone-opioid-safety through MockMvc, its records as the stub FHIR server's answers.
 */
final class ServiceCalls {

    static final String SERVICE = Calls.NTX_SERVICE;
    static final String PATIENT = Calls.NTX_PATIENT;
    static final String TOKEN = StubFhirServer.TOKEN;
    private static final List<IBaseResource> RECORD = Calls.ntxOpioidRecord(PATIENT, null);

    private ServiceCalls() {
    }

    static Bundle oxycodone() {
        return Calls.searchset(Calls.ofType(RECORD, "MedicationRequest"));
    }

    static Bundle ldn() {
        return Calls.searchset(Calls.ofType(RECORD, "MedicationStatement"));
    }

    static Bundle searchset() {
        return Calls.searchset(List.of());
    }

    static JsonNode tree(Resource resource) {
        try {
            return Requests.JSON.readTree(Requests.json(resource));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request with full prefetch for the NTX service: the LDN statement and the active oxycodone order. */
    static ObjectNode fullPrefetch() {
        return Calls.naltrexoneWithOpioid(PATIENT, null);
    }

    static ObjectNode withFhirServer(ObjectNode request, StubFhirServer fhir) {
        return Requests.withFhirServer(request, fhir.url(), TOKEN);
    }

    static ResultActions call(MockMvc mvc, String path, Object body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body.toString()));
    }

    /** An OperationOutcome error of this code, naming the field at fault ({@code expression}, or none) and why. */
    static void assertOutcome(ResultActions result, String code, String expression, String diagnostics)
            throws Exception {
        result.andExpect(jsonPath("$.issue[0].severity").value("error"));
        JsonNode issue = Outcomes.issue(result.andReturn().getResponse().getContentAsString(), code, diagnostics);
        if (expression != null) {
            assertThat(issue.at("/expression/0").asText()).isEqualTo(expression);
        }
    }
}
