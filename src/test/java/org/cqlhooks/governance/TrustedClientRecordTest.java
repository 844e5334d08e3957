package org.cqlhooks.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.TestKeys;
import org.cqlhooks.trust.JwksLoader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With trusted clients: a card is recorded with the verified {@code iss} and the patient id only as its keyed hash
 * (the id itself is nowhere in the database), and only the client the card was issued to may give feedback on it.
 */
@SpringBootTest(properties = {
        "cds.security.clients[0].issuer=" + TrustedClientRecordTest.EHR_A,
        "cds.security.clients[0].jwks=" + TrustedClientRecordTest.EHR_A + "/jwks.json",
        "cds.security.clients[1].issuer=" + TrustedClientRecordTest.EHR_B,
        "cds.security.clients[1].jwks=" + TrustedClientRecordTest.EHR_B + "/jwks.json",
        "cds.governance.patient-key=" + TrustedClientRecordTest.KEY})
@AutoConfigureMockMvc
class TrustedClientRecordTest {

    static final String EHR_A = "https://ehr-a.example.org";
    static final String EHR_B = "https://ehr-b.example.org";
    static final String KEY = "a-site-secret-of-at-least-32-bytes-0123456789";
    static final String PATIENT = "patient-Xq7-unmistakable";
    static final ECKey A = TestKeys.ec("a");
    static final ECKey B = TestKeys.ec("b");

    @TestConfiguration
    static class Keys {
        @Bean
        @Primary
        JwksLoader clientKeys() {
            Map<String, String> sets = Map.of(EHR_A + "/jwks.json", TestKeys.publicSet(A),
                    EHR_B + "/jwks.json", TestKeys.publicSet(B));
            return new JwksLoader(new DefaultResourceLoader()) {
                @Override
                public String load(String location) {
                    return sets.get(location);
                }
            };
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private static String token(ECKey key, String iss, String path) {
        return "Bearer " + TestKeys.sign(key, TestKeys.claims(iss, "http://localhost" + path, Instant.now()).build());
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
        String body = Issued.overridden(uuid, "opioid-stopped", null, Instant.now());
        mvc.perform(post(feedback).contentType(MediaType.APPLICATION_JSON).content(body)
                        .header("Authorization", token(B, EHR_B, feedback)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.issue[0].expression[0]").value("feedback[0].card"));
        mvc.perform(post(feedback).contentType(MediaType.APPLICATION_JSON).content(body)
                        .header("Authorization", token(A, EHR_A, feedback)))
                .andExpect(status().isOk());
    }
}
