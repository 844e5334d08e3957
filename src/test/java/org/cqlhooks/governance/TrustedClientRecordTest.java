package org.cqlhooks.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.TestKeys;
import org.cqlhooks.testing.TrustedClients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With trusted clients: a card is recorded with the verified {@code iss} and the patient id only as its keyed hash
 * (the id itself is nowhere in the database), and only the client the card was issued to may give feedback on it.
 */
@TrustedClients.Test
class TrustedClientRecordTest {

    static final String EHR_A = TrustedClients.EHR_A;
    static final String EHR_B = TrustedClients.EHR_B;
    static final String KEY = TrustedClients.PATIENT_KEY;
    static final String PATIENT = "patient-Xq7-unmistakable";
    static final ECKey A = TrustedClients.A_EC;
    static final ECKey B = TrustedClients.B_EC;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private static String token(ECKey key, String iss, String path) {
        return "Bearer " + TestKeys.sign(key, TestKeys.claims(iss, "http://localhost" + path, TrustedClients.NOW).build());
    }

    private static String hmac(String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theCardIsRecordedForItsClientWithoutThePatientIdAndOnlyThatClientGivesFeedback() throws Exception {
        JsonNode request = Calls.naltrexoneWithOpioid(PATIENT, "Test Patient");
        String answer = mvc.perform(post(Calls.NTX_SERVICE).contentType(MediaType.APPLICATION_JSON)
                        .header("Authorization", token(A, EHR_A, Calls.NTX_SERVICE)).content(request.toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode card = Requests.JSON.readTree(answer).get("cards").get(0);
        String uuid = card.get("uuid").asText();
        Eventually.until("the card is recorded", () -> jdbc.sql("SELECT COUNT(*) FROM issued_card WHERE uuid = :u")
                .param("u", uuid).query(Long.class).single() == 1);

        Map<String, Object> row = jdbc.sql("SELECT * FROM issued_card WHERE uuid = :u").param("u", uuid)
                .query().singleRow();
        assertThat(row).containsEntry("SERVICE", "naltrexone-opioid-safety").containsEntry("CARD_ID", "NTX-OPIOID")
                .containsEntry("INDICATOR", "critical").containsEntry("CLIENT", EHR_A)
                .containsEntry("HOOK_INSTANCE", request.get("hookInstance").asText())
                .containsEntry("PATIENT_HASH", hmac(PATIENT));
        List<Map<String, Object>> everything = jdbc.sql("SELECT * FROM issued_card").query().listOfRows();
        assertThat(everything.toString()).doesNotContain(PATIENT);

        String feedback = Calls.NTX_SERVICE + "/feedback";
        String body = Issued.overridden(uuid, "opioid-stopped", null, TrustedClients.NOW);
        mvc.perform(post(feedback).contentType(MediaType.APPLICATION_JSON).content(body)
                        .header("Authorization", token(B, EHR_B, feedback)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.issue[0].expression[0]").value("feedback[0].card"));
        mvc.perform(post(feedback).contentType(MediaType.APPLICATION_JSON).content(body)
                        .header("Authorization", token(A, EHR_A, feedback)))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("SELECT outcome FROM card_feedback WHERE card_uuid = :u").param("u", uuid)
                .query(String.class).list()).containsExactly("overridden");
    }
}
