package org.cqlhooks.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The EHR's FHIR server in tests: WireMock on a free port, answering the searches a service's prefetch templates
 * make with a patient's resources, only to requests carrying the bearer token the CDS request's
 * {@code fhirAuthorization} names (anything else gets WireMock's 404, a failure). Register it per test class
 * ({@code @RegisterExtension static final StubFhirServer fhir = new StubFhirServer();}: reset before each test,
 * stopped after the class and started again, on another port, for the next class sharing the field, as the
 * subclasses of an abstract test do), or use {@link #shared()} where a cached Spring context keeps its URL.
 */
public final class StubFhirServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    public static final String TOKEN = "ehr-access-token-123";
    private static StubFhirServer shared;

    private final boolean stopAfterClass;
    private WireMockServer server;

    public StubFhirServer() {
        this(true);
    }

    private StubFhirServer(boolean stopAfterClass) {
        this.stopAfterClass = stopAfterClass;
        start();
    }

    private void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        warmUp();
    }

    /**
     * WireMock's first answer is slow on a busy machine (its Jetty warms up): one request at start keeps that out of
     * the FHIR client's read time-out in whichever test happens to call first.
     */
    private void warmUp() {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/warm-up")).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        server.resetRequests();
    }

    /** One server for the whole test run, for configurations that name its URL (a trusted client's fhir-servers). */
    public static synchronized StubFhirServer shared() {
        if (shared == null) {
            shared = new StubFhirServer(false);
        }
        return shared;
    }

    /** The FHIR base URL, as a request's {@code fhirServer}. */
    public String url() {
        return server.baseUrl() + "/fhir";
    }

    public WireMockServer wireMock() {
        return server;
    }

    /** Answers a search of {@code type} for the patient, with the token, with this resource (a searchset). */
    public void answer(String type, String patientId, IBaseResource answer) {
        server.stubFor(get(urlPathEqualTo("/fhir/" + type)).withQueryParam("patient", equalTo(patientId))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(Requests.json(answer))));
    }

    /**
     * Answers each template (key to FHIR query) the way an EHR would: the search by patient (or, for a Patient, by
     * {@code _id}) with the patient's resources of that type.
     */
    public void answerTemplates(Map<String, String> templates, String patientId, List<IBaseResource> resources) {
        for (String template : templates.values()) {
            String type = template.replaceAll("[/?].*$", "");
            String byPatient = template.contains("_id=") ? "_id" : "patient";
            server.stubFor(get(urlPathEqualTo("/fhir/" + type)).withQueryParam(byPatient, equalTo(patientId))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .willReturn(okJson(Requests.json(Requests.answer(template, resources)))));
        }
    }

    /** The requests the server received. */
    public List<ServeEvent> received() {
        return server.getAllServeEvents();
    }

    public void reset() {
        server.resetAll();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!server.isRunning()) {
            start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stopAfterClass) {
            server.stop();
        }
    }
}
