package org.cqlhooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cqlhooks.CqlHooksApplication;
import org.cqlhooks.testing.CardChecks;
import org.cqlhooks.testing.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An answer that carries an EVAL-ERROR card is told apart from an ordinary one: its call log line is a warning naming
 * the library, and the {@code cds.evaluation.errors} metric counts it. The content is a one-rule service whose CQL
 * fails (CQL {@code Message} with severity Error) whenever the record holds a Condition, served over real HTTP.
 */
@ExtendWith(OutputCaptureExtension.class)
class EvaluationErrorLogTest {

    private static final String LIBRARY = """
            library Boom version '1.0.0'
            using FHIR version '4.0.1'
            include FHIRHelpers version '4.0.1' called FHIRHelpers
            context Patient
            define "Has Condition": exists [Condition]
            define "Fails On A Condition":
              if "Has Condition" then Message(true, true, 'BOOM-1', 'Error', 'the rule failed') else false
            """;
    private static final String SERVICE = """
            {"id":"boom","hook":"patient-view","title":"Boom","description":"Fails on any Condition",
             "prefetch":{"conditions":"Condition?patient={{context.patientId}}"},
             "libraries":["Boom"],
             "cards":[{"id":"BOOM","title":"Boom","when":"Fails On A Condition","indicator":"info",
                       "summary":"never shown","evidence":"Expert opinion / non-guideline",
                       "source":{"label":"Test"}}]}
            """;
    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void anAnswerWithAnEvalErrorCardIsAWarningAndCounted(CapturedOutput output) throws Exception {
        Files.createDirectories(dir.resolve("cql"));
        Files.createDirectories(dir.resolve("hooks"));
        Files.createDirectories(dir.resolve("fhir"));
        Files.writeString(dir.resolve("cql/Boom.cql"), LIBRARY);
        Files.writeString(dir.resolve("hooks/boom.json"), SERVICE);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CqlHooksApplication.class).run(
                "--server.port=0", "--cds.demo.enabled=false",
                "--cds.content.cql=file:" + dir.resolve("cql") + "/",
                "--cds.content.hooks=file:" + dir.resolve("hooks") + "/",
                "--cds.content.fhir-resources=file:" + dir.resolve("fhir") + "/")) {
            String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");

            JsonNode fine = call(base, false);
            assertThat(fine.get("cards")).isEmpty();
            JsonNode failed = call(base, true);
            assertThat(CardChecks.ids(failed.get("cards"))).containsExactly("EVAL-ERROR");

            assertThat(output.getAll()).containsPattern("INFO .*cds-call endpoint=service service=boom .*status=200 "
                    + "cards=0 fhirCalls=0 evalErrors=- ");
            assertThat(output.getAll()).containsPattern("WARN .*cds-call endpoint=service service=boom .*status=200 "
                    + "cards=1 fhirCalls=0 evalErrors=Boom ");
            JsonNode metric = Requests.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base
                    + "/actuator/metrics/cds.evaluation.errors?tag=library:Boom&tag=service:boom")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(metric.at("/measurements/0/value").asDouble()).isEqualTo(1.0);
        }
    }

    private static JsonNode call(String base, boolean withCondition) throws Exception {
        ObjectNode request = Requests.patientView("p1");
        ObjectNode bundle = request.putObject("prefetch").putObject("conditions").put("resourceType", "Bundle")
                .put("type", "searchset");
        if (withCondition) {
            bundle.putArray("entry").addObject().putObject("resource").put("resourceType", "Condition")
                    .put("id", "c1").putObject("subject").put("reference", "Patient/p1");
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/cds-services/boom"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Requests.JSON.readTree(response.body());
    }
}
