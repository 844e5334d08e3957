package org.cqlhooks.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.Network;
import org.cqlhooks.testing.Outcomes;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The edges of HTTP as 2.0.1 and the README state them, over real HTTP (Tomcat, Spring Security's filters and the
 * error handling all take part), in development mode: media types, methods, CORS refusals, fhirAuthorization, and
 * the operations endpoints for callers on this machine and elsewhere. Every refusal is an OperationOutcome.
 */
@ServerTest
class HttpEdgesTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String body() {
        return Calls.naltrexoneWithOpioid("p1", "Test Patient").toString();
    }

    // ---------- media types ----------

    @Test
    void aBodyThatIsNotDeclaredJsonIs415NamingTheContentTypeWanted() throws Exception {
        HttpResponse<String> response = send(to(Calls.NTX_SERVICE).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body())));
        Outcomes.outcome(response, 415, "not-supported", "Content-Type text/plain", "application/json");
        assertThat(response.headers().firstValue("Accept")).hasValue("application/json");
    }

    @Test
    void aJsonBodySentAsCurlDoesWithoutTheHeaderIs415NotInvalidJson() throws Exception {
        // curl --data @file sends application/x-www-form-urlencoded unless told otherwise.
        Outcomes.outcome(send(to(Calls.NTX_SERVICE).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body()))), 415, "not-supported",
                "application/x-www-form-urlencoded", "-H 'Content-Type: application/json'");
        // No header at all.
        Outcomes.outcome(send(to(Calls.NTX_SERVICE).POST(HttpRequest.BodyPublishers.ofString(body()))), 415,
                "not-supported", "no Content-Type header");
        Outcomes.outcome(send(to(Calls.NTX_SERVICE + "/feedback").POST(HttpRequest.BodyPublishers.ofString("{}"))), 415,
                "not-supported", "no Content-Type header");
    }

    @Test
    void jsonWithACharsetIsAccepted() throws Exception {
        HttpResponse<String> response = send(to(Calls.NTX_SERVICE).header("Content-Type",
                "application/json; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(body())));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("NTX-OPIOID");
    }

    @Test
    void anAcceptHeaderThatExcludesJsonIs406() throws Exception {
        Outcomes.outcome(send(to(Calls.NTX_SERVICE).header("Content-Type", "application/json").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body()))), 406, "not-supported", "application/json only");
        Outcomes.outcome(send(to("/cds-services").header("Accept", "application/xml")), 406, "not-supported",
                "Accept header excludes it");
        // Accept lists that include JSON, or anything, are fine.
        assertThat(send(to("/cds-services").header("Accept", "text/html, application/json;q=0.5")).statusCode())
                .isEqualTo(200);
        assertThat(send(to("/cds-services").header("Accept", "*/*")).statusCode()).isEqualTo(200);
    }

    // ---------- methods ----------

    @Test
    void aMethodThePathDoesNotOfferIs405WithAllow() throws Exception {
        HttpResponse<String> get = send(to(Calls.NTX_SERVICE));
        Outcomes.outcome(get, 405, "not-supported", "GET", "this path allows POST");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> put = send(to("/cds-services").PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json"));
        Outcomes.outcome(put, 405, "not-supported", "PUT");
        assertThat(put.headers().firstValue("Allow")).hasValue("GET");
        HttpResponse<String> delete = send(to(Calls.NTX_SERVICE + "/feedback").DELETE());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("POST");
    }

    // ---------- CORS ----------

    @Test
    void aRefusedPreflightIsAnOperationOutcome() throws Exception {
        // Any origin is allowed by default; a method or header outside the CORS configuration is not.
        HttpResponse<String> method = send(to(Calls.NTX_SERVICE).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://ehr.example.org").header("Access-Control-Request-Method", "DELETE"));
        Outcomes.outcome(method, 403, "forbidden", "Cross-origin call refused");
        assertThat(method.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> header = send(to(Calls.NTX_SERVICE).method("OPTIONS",
                        HttpRequest.BodyPublishers.noBody()).header("Origin", "https://ehr.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-forged-by"));
        Outcomes.outcome(header, 403, "forbidden", "Cross-origin call refused");
    }

    @Test
    void anAllowedPreflightIsAnsweredWithTheCorsHeaders() throws Exception {
        HttpResponse<String> response = send(to(Calls.NTX_SERVICE).method("OPTIONS",
                        HttpRequest.BodyPublishers.noBody()).header("Origin", "https://sandbox.cds-hooks.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://sandbox.cds-hooks.org");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST"));
    }

    // ---------- fhirAuthorization ----------

    @ParameterizedTest
    @ValueSource(strings = {"access_token", "token_type", "expires_in", "scope", "subject"})
    void fhirAuthorizationWithoutARequiredMemberIs400NamingIt(String member) throws Exception {
        ObjectNode request = Calls.naltrexoneWithOpioid("p1", "Test Patient");
        Requests.withFhirServer(request, "https://ehr.example.org/fhir", "t");
        ((ObjectNode) request.get("fhirAuthorization")).remove(member);
        JsonNode outcome = Outcomes.outcome(send(to(Calls.NTX_SERVICE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))), 400, "invalid", member);
        assertThat(outcome.at("/expression/0").asText()).isEqualTo("fhirAuthorization." + member);
    }

    // ---------- operations endpoints ----------

    @Test
    void onThisMachineHealthAndMetricsAnswer() throws Exception {
        HttpResponse<String> health = send(to("/actuator/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Requests.JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
        HttpResponse<String> metrics = send(to("/actuator/metrics"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(Requests.JSON.readTree(metrics.body()).get("names").isArray()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/metrics", "/actuator/info", "/actuator", "/actuator/env", "/cds-services"})
    void fromAnotherMachineOnlyHealthAnswersEvenWithAForwardedForHeader(String path) throws Exception {
        String lan = "http://" + Network.lanAddress() + ":" + port;
        assertThat(send(HttpRequest.newBuilder(URI.create(lan + "/actuator/health"))).statusCode()).isEqualTo(200);
        Outcomes.outcome(send(HttpRequest.newBuilder(URI.create(lan + path))), 401, "login", "Development mode");
        // A forwarded-for header naming this machine is not believed.
        Outcomes.outcome(send(HttpRequest.newBuilder(URI.create(lan + path)).header("X-Forwarded-For", "127.0.0.1")
                .header("Forwarded", "for=127.0.0.1")), 401, "login", "Development mode");
    }
}
