package org.cqlhooks.reload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.testing.Requests;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hot reload over real HTTP, on a copy of the authoring test content under target/ that each test changes as an
 * author would (and puts back): a changed card text (in the family's card file), a changed CQL threshold and a
 * changed ValueSet (in its family's folder under fhir-resources/) are served after the reload; broken
 * CQL is logged naming file, library and line, health shows the content DEGRADED and the last good content keeps
 * answering; a deleted service is gone from discovery and answers 404; a call in flight when the content changes
 * finishes on the content it started with. Each wait polls until the change shows (no time is asserted).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ContentReloadTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String SUMMARY = "Hemoglobin 11 g/dL, below 12 g/dL; no anemia on record";
    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    LiveContent content;

    private final EditedContent edits = new EditedContent();

    @DynamicPropertySource
    static void content(DynamicPropertyRegistry registry) throws IOException {
        var locations = EditedContent.copy();
        registry.add("cds.content.cql", locations::cql);
        registry.add("cds.content.hooks", locations::hooks);
        registry.add("cds.content.fhir-resources", locations::fhirResources);
        registry.add("cds.content.watch", () -> "true");
        // The call in flight waits on a FHIR server the test holds until the reload is seen.
        registry.add("cds.fhir-client.deadline", () -> "120s");
        registry.add("cds.fhir-client.read-timeout", () -> "120s");
    }

    @AfterEach
    void putBack() {
        edits.putBack();
        await("the content as it was", () -> content.failure().isEmpty()
                && content.catalog().find("medication-orders").isPresent()
                && summaries(call("anemia-workup")).equals(List.of(SUMMARY)));
    }

    @Test
    void aChangedCardTextIsServedAfterTheReload() {
        assertThat(summaries(call("anemia-workup"))).containsExactly(SUMMARY);
        edits.change("hooks/cards/AnemiaWorkup.json", "no anemia on record", "no anemia recorded");
        await("the new card text", () -> summaries(call("anemia-workup"))
                .equals(List.of("Hemoglobin 11 g/dL, below 12 g/dL; no anemia recorded")));
    }

    @Test
    void aChangedCqlThresholdIsServedAfterTheReload() {
        edits.change("cql/AnemiaWorkup.cql", "default 12.0", "default 10.0");
        await("the card silent under the new threshold", () -> summaries(call("anemia-workup")).isEmpty());
        edits.change("cql/AnemiaWorkup.cql", "default 10.0", "default 11.5");
        await("the card with the new threshold", () -> summaries(call("anemia-workup"))
                .equals(List.of("Hemoglobin 11 g/dL, below 11.5 g/dL; no anemia on record")));
    }

    @Test
    void aChangedValueSetInItsFamilyFolderIsServedAfterTheReload() {
        // The patient's Condition (SNOMED 271737000) is anemia on record while the ValueSet holds its code.
        List<IBaseResource> onRecord = patient("AnemiaWorkup.hgb-low-false-anemia-on-record");
        assertThat(summaries(call("anemia-workup", onRecord))).isEmpty();
        edits.change("fhir-resources/valuesets/AnemiaWorkup/anemia-conditions.json", "\"code\": \"271737000\"",
                "\"code\": \"87522002\"");
        await("the card once the code is out of the ValueSet", () -> summaries(call("anemia-workup", onRecord))
                .equals(List.of(SUMMARY)));
    }

    @Test
    void brokenCqlIsLoggedHealthShowsDegradedAndTheLastGoodContentServes(CapturedOutput output) throws Exception {
        int line = edits.change("cql/AnemiaWorkup.cql", "define \"Is Female\":\n  Patient.gender = 'female'",
                "define \"Is Female\":\n  Patient.gendr = 'female'");
        await("health DEGRADED", () -> health().at("/components/content/status").asText().equals("DEGRADED"));
        JsonNode health = health();
        assertThat(health.get("status").asText()).as("the server's status").isEqualTo("DEGRADED");
        String where = "library AnemiaWorkup (AnemiaWorkup.cql), line " + (line + 1) + ", column ";
        assertThat(health.at("/components/content/details/problems").toString()).contains(where);
        assertThat(output.getAll()).contains("Content change to cql/AnemiaWorkup.cql not loaded")
                .contains("Content not reloaded: " + where);
        assertThat(summaries(call("anemia-workup"))).as("the last good content answers").containsExactly(SUMMARY);
        assertThat(get("/cds-services").statusCode()).isEqualTo(200);
    }

    @Test
    void aDeletedServiceIsGoneFromDiscoveryAndAnswers404() throws Exception {
        // The service file and its family's card file: cards no service runs would stop the load.
        edits.delete("hooks/medication-orders.json");
        edits.delete("hooks/cards/MedicationOrders.json");
        await("the service gone", () -> content.catalog().find("medication-orders").isEmpty());
        JsonNode discovery = Requests.JSON.readTree(get("/cds-services").body());
        List<String> ids = new ArrayList<>();
        discovery.get("services").forEach(s -> ids.add(s.get("id").asText()));
        assertThat(ids).containsExactly("anemia-workup");
        HttpResponse<String> gone = post("medication-orders", request("medication-orders", patient()));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("No CDS service 'medication-orders'");
        assertThat(health().at("/components/content/status").asText()).isEqualTo("UP");
    }

    @Test
    void aCallInFlightFinishesOnTheContentItStartedWith() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        List<IBaseResource> resources = patient();
        HttpServer fhir = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fhir.createContext("/fhir", exchange -> {
            asked.countDown();
            try {
                answer.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String path = exchange.getRequestURI().getPath();
            String type = path.substring(path.lastIndexOf('/') + 1);
            byte[] body = Requests.json(Requests.answer(type + "?", resources)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fhir.setExecutor(Executors.newCachedThreadPool());
        fhir.start();
        try {
            ObjectNode fetching = Requests.patientView("anna");
            fetching.put("fhirServer", "http://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir");
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
                    () -> post("anemia-workup", fetching));
            assertThat(asked.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the call is fetching").isTrue();
            Instant before = content.current().loadedAt();
            edits.change("hooks/cards/AnemiaWorkup.json", "no anemia on record", "no anemia recorded");
            await("the reload", () -> content.current().loadedAt().isAfter(before));
            assertThat(summaries(call("anemia-workup"))).as("a new call sees the new content")
                    .containsExactly("Hemoglobin 11 g/dL, below 12 g/dL; no anemia recorded");
            answer.countDown();
            HttpResponse<String> finished = inFlight.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);
            assertThat(summaries(finished)).as("the call in flight answers from the content it started with")
                    .containsExactly(SUMMARY);
        } finally {
            answer.countDown();
            fhir.stop(0);
        }
    }

    // ---------- helpers ----------

    private static List<IBaseResource> patient() {
        return patient("AnemiaWorkup.hgb-low-true-11-below-12");
    }

    private static List<IBaseResource> patient(String caseName) {
        return EditedContent.patient(caseName);
    }

    private ObjectNode request(String service, List<IBaseResource> resources) {
        return content.catalog().find(service).map(s -> Requests.withPrefetch(s, "anna", resources))
                .orElseGet(() -> Requests.patientView("anna"));
    }

    private HttpResponse<String> call(String service) {
        return call(service, patient());
    }

    private HttpResponse<String> call(String service, List<IBaseResource> resources) {
        HttpResponse<String> response = post(service, request(service, resources));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static List<String> summaries(HttpResponse<String> response) {
        List<String> summaries = new ArrayList<>();
        try {
            Requests.JSON.readTree(response.body()).get("cards").forEach(c -> summaries.add(c.get("summary").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return summaries;
    }

    private JsonNode health() {
        try {
            return Requests.JSON.readTree(get("/actuator/health").body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> post(String service, ObjectNode body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cds-services/" + service))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the condition holds; fails naming what was awaited if it never does. */
    private static void await(String what, Supplier<Boolean> condition) {
        Instant end = Instant.now().plus(PATIENCE);
        while (!condition.get()) {
            assertThat(Instant.now()).as("waiting for %s", what).isBefore(end);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
