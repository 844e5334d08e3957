package org.cqlhooks.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * The error body every refusal carries, in every tier: a FHIR OperationOutcome with one issue whose code is the
 * issue type of the error and whose diagnostics say what was wrong.
 */
public final class Outcomes {

    private Outcomes() {
    }

    /** The body is an OperationOutcome with one issue of {@code code}, diagnostics holding each text; its issue. */
    public static JsonNode issue(String body, String code, String... diagnostics) {
        JsonNode outcome;
        try {
            outcome = Requests.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
        assertThat(outcome.path("resourceType").asText()).as("resourceType of %s", body).isEqualTo("OperationOutcome");
        assertThat(outcome.path("issue")).as("issues of %s", body).hasSize(1);
        JsonNode issue = outcome.path("issue").get(0);
        assertThat(issue.path("code").asText()).as("issue code of %s", body).isEqualTo(code);
        for (String text : diagnostics) {
            assertThat(issue.path("diagnostics").asText()).as("diagnostics").contains(text);
        }
        return issue;
    }

    /** For MockMvc: this status, a JSON body, and that OperationOutcome ({@link #issue}). */
    public static ResultMatcher outcome(int status, String code, String... diagnostics) {
        return result -> {
            assertThat(result.getResponse().getStatus()).as("status").isEqualTo(status);
            assertThat(result.getResponse().getContentType()).as("content type").startsWith("application/json");
            issue(result.getResponse().getContentAsString(), code, diagnostics);
        };
    }

    /** Over real HTTP: this status and that OperationOutcome ({@link #issue}); its issue. */
    public static JsonNode outcome(HttpResponse<String> response, int status, String code, String... diagnostics) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("content type")
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return issue(response.body(), code, diagnostics);
    }
}
