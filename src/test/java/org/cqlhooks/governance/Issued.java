package org.cqlhooks.governance;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Instant;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.TestContent;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Cards issued by real service calls (the ready requests in hooks/examples/), and feedback bodies naming them. */
final class Issued {

    static final String REASONS = "http://cqlhooks.org/fhir/CodeSystem/override-reason";

    private Issued() {
    }

    /** Calls the service of {@code example} (hooks/examples/&lt;Library&gt;/&lt;service&gt;-&lt;card&gt;.json); returns its first card. */
    static JsonNode card(MockMvc mvc, String service, String example) throws Exception {
        String body = Files.readString(TestContent.example(example));
        String answer = mvc.perform(post("/cds-services/" + service).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return Requests.JSON.readTree(answer).get("cards").get(0);
    }

    static JsonNode ntxOpioid(MockMvc mvc) throws Exception {
        return card(mvc, "naltrexone-opioid-safety", "naltrexone-opioid-safety-ntx-opioid.json");
    }

    static ResultActions send(MockMvc mvc, String service, String body) throws Exception {
        return mvc.perform(post("/cds-services/" + service + "/feedback").contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    static String overridden(String card, String reasonCode, String comment, Instant at) {
        String reason = reasonCode == null ? "" : ",\"overrideReason\":{\"reason\":{\"system\":\"" + REASONS
                + "\",\"code\":\"" + reasonCode + "\"}" + (comment == null ? "" : ",\"userComment\":\"" + comment
                + "\"") + "}";
        return "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\"" + reason
                + ",\"outcomeTimestamp\":\"" + at + "\"}]}";
    }

    static String accepted(String card, String suggestion, Instant at) {
        return "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"accepted\",\"acceptedSuggestions\":[{\"id\":\""
                + suggestion + "\"}],\"outcomeTimestamp\":\"" + at + "\"}]}";
    }
}
