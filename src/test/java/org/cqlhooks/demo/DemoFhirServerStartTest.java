package org.cqlhooks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.RestfulServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.cqlhooks.testing.TestContent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

/**
 * The embedded FHIR server is started by its first request, not with the application (a CDS call does not need it):
 * until then HAPI has bound nothing, and that first request is answered as any other. Its own Spring context (the
 * application name), so no other test has called /fhir on it before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds.demo.patients=classpath:demo-patients/", "spring.application.name=demo-start"})
class DemoFhirServerStartTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ServletRegistrationBean<RestfulServer> demoFhirServer;

    @Test
    void theFirstRequestStartsTheServerAndIsAnswered() throws Exception {
        RestfulServer server = demoFhirServer.getServlet();
        // A servlet has its configuration once the container has initialised it.
        assertThat(server.getServletConfig()).as("HAPI initialised before any /fhir request").isNull();

        HttpResponse<String> metadata = get("metadata");
        assertThat(metadata.statusCode()).isEqualTo(200);
        CapabilityStatement capabilities = (CapabilityStatement) TestContent.FHIR.newJsonParser()
                .parseResource(metadata.body());
        assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(capabilities.getRestFirstRep().getResource()).extracting(r -> r.getType())
                .contains("Patient", "Observation", "Condition", "MedicationRequest", "MedicationAdministration");
        assertThat(server.getServletConfig()).isNotNull();

        HttpResponse<String> patient = get("Patient/p-one");
        assertThat(patient.statusCode()).isEqualTo(200);
        assertThat(((Patient) TestContent.FHIR.newJsonParser().parseResource(patient.body())).getIdElement()
                .getIdPart()).isEqualTo("p-one");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/" + path))
                .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
