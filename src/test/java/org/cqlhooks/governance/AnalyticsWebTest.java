package org.cqlhooks.governance;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.cqlhooks.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code GET /analytics/cards} after a known sequence of real service calls and feedback (development mode, this
 * machine, the embedded H2 database of this context, emptied first: the context is shared), its parameters, and the
 * page's three files.
 */
@ServerTest
class AnalyticsWebTest {

    private static final String NTX = "naltrexone-opioid-safety";
    private static final String FM = "fibromyalgia-workup";

    @Autowired
    MockMvc mvc;
    @Autowired
    CardRecorder recorder;
    @Autowired
    JdbcClient jdbc;

    @Test
    void figuresAfterAKnownSequenceOfCallsAndFeedback() throws Exception {
        EmptyRecord.clear(recorder, jdbc);
        // Three NTX-OPIOID cards and one CSI-POS card.
        String n1 = Issued.ntxOpioid(mvc).get("uuid").asText();
        String n2 = Issued.ntxOpioid(mvc).get("uuid").asText();
        Issued.ntxOpioid(mvc);
        String c1 = Issued.card(mvc, FM, "fibromyalgia-workup-csi-pos.json").get("uuid").asText();
        Instant now = Instant.now();
        // n1 overridden (opioid stopped) twice: the same feedback repeated; n2 overridden (naltrexone stopped), then
        // accepted; c1 overridden without a reason.
        Issued.send(mvc, NTX, Issued.overridden(n1, "opioid-stopped", "first", now)).andExpect(status().isOk());
        Issued.send(mvc, NTX, Issued.overridden(n1, "opioid-stopped", "first", now)).andExpect(status().isOk());
        Issued.send(mvc, NTX, Issued.overridden(n2, "naltrexone-stopped", null, now)).andExpect(status().isOk());
        Issued.send(mvc, NTX, Issued.accepted(n2, "s-1", now)).andExpect(status().isOk());
        Issued.send(mvc, FM, Issued.overridden(c1, null, null, now)).andExpect(status().isOk());

        mvc.perform(get("/analytics/cards")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        {"cards":[
                          {"service":"fibromyalgia-workup","card":"CSI-POS","issued":1,"accepted":0,"overridden":1,
                           "overrideReasons":[]},
                          {"service":"naltrexone-opioid-safety","card":"NTX-OPIOID","issued":3,"accepted":1,
                           "overridden":2,"overrideReasons":[
                             {"system":"http://cqlhooks.org/fhir/CodeSystem/override-reason","code":"naltrexone-stopped",
                              "display":"Naltrexone no longer taken","count":1},
                             {"system":"http://cqlhooks.org/fhir/CodeSystem/override-reason","code":"opioid-stopped",
                              "display":"Opioid no longer taken","count":1}]}]}""", true));

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        mvc.perform(get("/analytics/cards").param("service", NTX).param("from", today).param("to", today))
                .andExpect(status().isOk()).andExpect(jsonPath("$.cards.length()").value(1))
                .andExpect(jsonPath("$.cards[0].issued").value(3));
        mvc.perform(get("/analytics/cards").param("to", "2020-01-01")).andExpect(status().isOk())
                .andExpect(content().json("{\"cards\":[]}", true));
        mvc.perform(get("/analytics/cards/daily").param("service", NTX)).andExpect(status().isOk())
                .andExpect(content().json("{\"days\":[{\"service\":\"naltrexone-opioid-safety\",\"card\":\"NTX-OPIOID\","
                        + "\"day\":\"" + today + "\",\"issued\":3,\"accepted\":1,\"overridden\":2}]}", true));
    }

    @Test
    void badParametersAre400NamingThem() throws Exception {
        mvc.perform(get("/analytics/cards").param("from", "last week")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.issue[0].expression[0]").value("from"));
        mvc.perform(get("/analytics/cards").param("from", "2026-02-01").param("to", "2026-01-01"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.issue[0].expression[0]").value("to"));
        mvc.perform(get("/analytics/cards/daily").param("service", "../etc")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.issue[0].expression[0]").value("service"));
    }

    @Test
    void thePageIsOneHtmlFileOneScriptOneStylesheetWithItsOwnPolicy() throws Exception {
        mvc.perform(get("/analytics")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("/analytics/analytics.js"),
                        org.hamcrest.Matchers.containsString("/analytics/analytics.css"),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("https://")))))
                .andExpect(header().string("Content-Security-Policy",
                        org.hamcrest.Matchers.containsString("script-src 'self'")));
        mvc.perform(get("/analytics/analytics.js")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/analytics/cards/daily")));
        mvc.perform(get("/analytics/analytics.css")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/css"));
        mvc.perform(get("/analytics/other.js")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.issue[0].code").value("not-found"));
    }
}
