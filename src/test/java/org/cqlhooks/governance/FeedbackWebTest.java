package org.cqlhooks.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.cqlhooks.testing.LogLevels;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * 2.0.1 feedback against cards this server really issued (development mode, the embedded H2 database): each field
 * checked with a 400 naming it, the card one this service issued, the reason one the card offered, a repeat kept
 * once, comments stored but never logged.
 */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class FeedbackWebTest {

    private static final String NTX = "naltrexone-opioid-safety";
    /** The server's debug logging and SQL tracing on: comments must stay out of those lines too. */
    @RegisterExtension
    static final LogLevels levels = LogLevels.debug("org.cqlhooks").trace("org.springframework.jdbc");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    private long rows(String card) {
        return jdbc.sql("SELECT COUNT(*) FROM card_feedback WHERE card_uuid = :card").param("card", card)
                .query(Long.class).single();
    }

    /** A valid override of a fresh NTX-OPIOID card with one of its own reasons, changed by {@code change}. */
    private String body(String card, Consumer<ObjectNode> change) throws Exception {
        ObjectNode item = (ObjectNode) Requests.JSON.readTree(Issued.overridden(card, "opioid-stopped", "Seen it",
                Instant.now())).get("feedback").get(0);
        change.accept(item);
        ObjectNode body = Requests.JSON.createObjectNode();
        body.putArray("feedback").add(item);
        return body.toString();
    }

    private void refused(String card, String field, Consumer<ObjectNode> change) throws Exception {
        Issued.send(mvc, NTX, body(card, change)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
                .andExpect(jsonPath("$.issue[0].expression[0]").value(field));
    }

    private static ObjectNode reason(ObjectNode item) {
        return (ObjectNode) item.get("overrideReason").get("reason");
    }

    private static void accepted(ObjectNode item) {
        item.put("outcome", "accepted").remove("overrideReason");
    }

    @Test
    void eachFieldIsCheckedAndTheFieldNamed() throws Exception {
        String card = Issued.ntxOpioid(mvc).get("uuid").asText();
        refused(card, "feedback[0].card", item -> item.remove("card"));
        refused(card, "feedback[0].card", item -> item.put("card", 42));
        refused(card, "feedback[0].outcome", item -> item.remove("outcome"));
        refused(card, "feedback[0].outcome", item -> item.put("outcome", "dismissed"));
        refused(card, "feedback[0].acceptedSuggestions", FeedbackWebTest::accepted);
        refused(card, "feedback[0].acceptedSuggestions[0].id", item -> {
            accepted(item);
            item.putArray("acceptedSuggestions").addObject();
        });
        refused(card, "feedback[0].acceptedSuggestions", item -> item.putArray("acceptedSuggestions").addObject()
                .put("id", "s1"));
        refused(card, "feedback[0].overrideReason", item -> {
            JsonNode reasonNode = item.get("overrideReason");
            item.put("outcome", "accepted").putArray("acceptedSuggestions").addObject().put("id", "s1");
            item.set("overrideReason", reasonNode);
        });
        refused(card, "feedback[0].overrideReason", item -> item.put("overrideReason", "not an object"));
        refused(card, "feedback[0].overrideReason", item -> item.putObject("overrideReason"));
        refused(card, "feedback[0].overrideReason.reason.code", item -> reason(item).remove("code"));
        refused(card, "feedback[0].overrideReason.reason.system", item -> reason(item).remove("system"));
        refused(card, "feedback[0].overrideReason.userComment", item -> ((ObjectNode) item.get("overrideReason"))
                .put("userComment", 7));
        refused(card, "feedback[0].overrideReason.userComment", item -> ((ObjectNode) item.get("overrideReason"))
                .put("userComment", "x".repeat(4001)));
        refused(card, "feedback[0].outcomeTimestamp", item -> item.remove("outcomeTimestamp"));
        for (String time : new String[] {"2021-12-11 10:05:31Z", "2021-12-11T10:05:31", "1639217131",
            "2021-02-30T10:05:31Z", "2021-12-11T10:05:31+01:00"}) {
            refused(card, "feedback[0].outcomeTimestamp", item -> item.put("outcomeTimestamp", time));
        }
        refused(card, "feedback[0].outcomeTimestamp", item -> item.put("outcomeTimestamp",
                Instant.now().plus(1, ChronoUnit.HOURS).toString()));
        refused(card, "feedback[0].outcomeTimestamp", item -> item.put("outcomeTimestamp",
                Instant.now().minus(1, ChronoUnit.DAYS).toString()));
        Issued.send(mvc, NTX, body(card, item -> item.put("outcomeTimestamp", "2021-12-11T10:05:31+01:00")))
                .andExpect(jsonPath("$.issue[0].diagnostics").value("outcomeTimestamp must be in UTC: end it with Z, "
                        + "not a local offset"));
        assertThat(rows(card)).isZero();
    }

    @Test
    void theBodyMustBeAFeedbackArrayOfObjects() throws Exception {
        Issued.send(mvc, NTX, "not json").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.issue[0].code").value("invalid"));
        Issued.send(mvc, NTX, "{\"feedback\":{}}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.issue[0].expression[0]").value("feedback"));
        Issued.send(mvc, NTX, "{\"feedback\":[\"x\"]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.issue[0].expression[0]").value("feedback[0]"));
        ArrayNode many = Requests.JSON.createArrayNode();
        for (int i = 0; i < 101; i++) {
            many.add(Requests.JSON.readTree(Issued.overridden("c" + i, null, null, Instant.now())).get("feedback")
                    .get(0));
        }
        Issued.send(mvc, NTX, "{\"feedback\":" + many + "}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.issue[0].code").value("too-costly"));
        Issued.send(mvc, "no-such-service", Issued.overridden("c", null, null, Instant.now()))
                .andExpect(status().isNotFound());
    }

    @Test
    void theCardMustBeOneThisServiceIssued() throws Exception {
        String card = Issued.ntxOpioid(mvc).get("uuid").asText();
        refused(card, "feedback[0].card", item -> item.put("card", "4e0a3a1e-3283-4575-ab82-028d55fe2719"));
        Issued.send(mvc, NTX, body(card, item -> item.put("card", "f6b95768-b1c8-40dc-8385-bf3504b82ffb")))
                .andExpect(jsonPath("$.issue[0].code").value("not-found"))
                .andExpect(jsonPath("$.issue[0].diagnostics").value(
                        "feedback[0].card is not a card this service issued to this client"));
        // Issued by naltrexone-opioid-safety: unknown to another service's feedback endpoint.
        Issued.send(mvc, "fibromyalgia-workup", Issued.overridden(card, null, null, Instant.now()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.issue[0].expression[0]").value("feedback[0].card"));
        assertThat(rows(card)).isZero();
    }

    @Test
    void theReasonMustBeOneTheCardOffered() throws Exception {
        // NTX-OPIOID has reasons of its own (hooks/cards/NaltrexoneOpioidSafety.json); CSI-POS the default set.
        JsonNode ntx = Issued.ntxOpioid(mvc);
        assertThat(ntx.get("overrideReasons").findValuesAsText("code")).containsExactly("naltrexone-stopped",
                "opioid-stopped", "already-addressed", "record-inaccurate");
        ntx.get("overrideReasons").forEach(r -> assertThat(r.get("display").asText()).isNotBlank());
        String card = ntx.get("uuid").asText();
        refused(card, "feedback[0].overrideReason.reason", item -> reason(item).put("code", "patient-declined"));
        refused(card, "feedback[0].overrideReason.reason", item -> reason(item).put("system", "https://example.com"));
        Issued.send(mvc, NTX, Issued.overridden(card, "naltrexone-stopped", null, Instant.now()))
                .andExpect(status().isOk());

        JsonNode csi = Issued.card(mvc, "fibromyalgia-workup", "fibromyalgia-workup-csi-pos.json");
        assertThat(csi.at("/source/topic/code").asText()).isEqualTo("CSI-POS");
        assertThat(csi.get("overrideReasons").findValuesAsText("code")).contains("patient-declined")
                .doesNotContain("opioid-stopped");
        Issued.send(mvc, "fibromyalgia-workup", Issued.overridden(csi.get("uuid").asText(), "opioid-stopped", null,
                Instant.now())).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.issue[0].expression[0]").value("feedback[0].overrideReason.reason"));
        Issued.send(mvc, "fibromyalgia-workup", Issued.overridden(csi.get("uuid").asText(), "patient-declined", null,
                Instant.now())).andExpect(status().isOk());
        assertThat(jdbc.sql("SELECT reason_display FROM card_feedback WHERE card_uuid = :c")
                .param("c", csi.get("uuid").asText()).query(String.class).single())
                .isEqualTo("Patient declined further evaluation");
    }

    @Test
    void validFeedbackOfEachShapeIsStored() throws Exception {
        String card = Issued.ntxOpioid(mvc).get("uuid").asText();
        Instant now = Instant.now();
        Issued.send(mvc, NTX, Issued.accepted(card, "e56e1945-20b3-4393-8503-a1a20fd73152", now))
                .andExpect(status().isOk());
        Issued.send(mvc, NTX, Issued.overridden(card, null, null, now)).andExpect(status().isOk());
        Issued.send(mvc, NTX, body(card, item -> item.put("outcomeTimestamp",
                now.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "+00:00")))).andExpect(status().isOk());
        Issued.send(mvc, NTX, body(card, item -> item.put("outcomeTimestamp", "2026-01-01T00:00:00.52z"
                .replace("2026-01-01T00:00:00", now.minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString()
                        .replace("Z", ""))))).andExpect(status().isOk());
        assertThat(rows(card)).isEqualTo(4);
    }

    @Test
    void aRepeatIsKeptAndCountedOnceAndAnotherActAgain(CapturedOutput log) throws Exception {
        String card = Issued.ntxOpioid(mvc).get("uuid").asText();
        Counter counter = meters.counter("cds.feedback", "service", NTX, "outcome", "overridden");
        double before = counter.count();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String body = Issued.overridden(card, "opioid-stopped", "Patient Zebediah stopped it", at);
        Issued.send(mvc, NTX, body).andExpect(status().isOk());
        Issued.send(mvc, NTX, body).andExpect(status().isOk());
        assertThat(rows(card)).isEqualTo(1);
        assertThat(counter.count() - before).isEqualTo(1.0);
        assertThat(log.getAll()).contains("feedback service=" + NTX + " items=1 new=0");

        Issued.send(mvc, NTX, Issued.overridden(card, "opioid-stopped", "Patient Zebediah stopped it",
                at.plusSeconds(1))).andExpect(status().isOk());
        assertThat(rows(card)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT DISTINCT user_comment FROM card_feedback WHERE card_uuid = :c").param("c", card)
                .query(String.class).single()).isEqualTo("Patient Zebediah stopped it");
        // Stored, never logged (SQL tracing and the server's debug logging included).
        assertThat(log.getAll()).doesNotContain("Zebediah");
    }

    @Test
    void aBodyWithOneBadEntryKeepsNone() throws Exception {
        String card = Issued.ntxOpioid(mvc).get("uuid").asText();
        JsonNode good = Requests.JSON.readTree(Issued.overridden(card, null, null, Instant.now())).get("feedback")
                .get(0);
        ObjectNode bad = ((ObjectNode) good.deepCopy()).put("outcome", "maybe");
        Issued.send(mvc, NTX, "{\"feedback\":[" + good + "," + bad + "]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.issue[0].expression[0]").value("feedback[1].outcome"));
        assertThat(rows(card)).isZero();
    }
}
