package org.cqlhooks.web;

import static org.cqlhooks.testing.Outcomes.outcome;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cqlhooks.governance.AnalyticsQuery;
import org.cqlhooks.governance.CardAnalytics;
import org.cqlhooks.governance.CardFigures;
import org.cqlhooks.testing.WebSliceTest;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The analytics in the web slice: the query parameters read into the figures' query (dates as whole UTC days), the
 * figures answered as JSON, the page's three files with their types and policy, and the refusals: bad parameters,
 * a database that does not answer, a caller on another machine.
 */
@WebSliceTest
class AnalyticsSliceTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    CardAnalytics analytics;

    @Test
    void theParametersAreTheQueryAndTheFiguresAreAnsweredAsJson() throws Exception {
        CardFigures figures = new CardFigures("naltrexone-opioid-safety", "NTX-OPIOID", 3, 1, 2, List.of(
                new CardFigures.ReasonCount("http://cqlhooks.org/fhir/CodeSystem/override-reason", "opioid-stopped",
                        "Opioid no longer taken", 2)));
        AnalyticsQuery query = new AnalyticsQuery(Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"), "naltrexone-opioid-safety");
        when(analytics.cards(query)).thenReturn(new CardFigures.Report(List.of(figures)));

        mvc.perform(get("/analytics/cards").param("from", "2026-11-01").param("to", "2026-11-30")
                        .param("service", "naltrexone-opioid-safety"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        {"cards":[{"service":"naltrexone-opioid-safety","card":"NTX-OPIOID","issued":3,"accepted":1,
                          "overridden":2,"overrideReasons":[{"system":
                            "http://cqlhooks.org/fhir/CodeSystem/override-reason","code":"opioid-stopped",
                            "display":"Opioid no longer taken","count":2}]}]}""", true));
        verify(analytics).cards(query);
    }

    @Test
    void theDailyFiguresAndAnEmptyReportKeepTheirArrays() throws Exception {
        when(analytics.daily(new AnalyticsQuery(null, null, null))).thenReturn(new CardFigures.DailyReport(List.of(
                new CardFigures.Day("fibromyalgia-workup", "CSI-POS", LocalDate.parse("2026-11-30"), 1, 0, 1))));
        when(analytics.cards(new AnalyticsQuery(null, null, null))).thenReturn(new CardFigures.Report(List.of()));
        mvc.perform(get("/analytics/cards/daily")).andExpect(status().isOk()).andExpect(content().json("""
                {"days":[{"service":"fibromyalgia-workup","card":"CSI-POS","day":"2026-11-30","issued":1,
                  "accepted":0,"overridden":1}]}""", true));
        mvc.perform(get("/analytics/cards")).andExpect(status().isOk())
                .andExpect(content().json("{\"cards\":[]}", true));
    }

    @Test
    void badParametersAre400NamingThemBeforeTheDatabaseIsAsked() throws Exception {
        mvc.perform(get("/analytics/cards").param("from", "last week"))
                .andExpect(outcome(400, "invalid", "from must be a date"))
                .andExpect(jsonPath("$.issue[0].expression[0]").value("from"));
        mvc.perform(get("/analytics/cards/daily").param("from", "2026-02-01").param("to", "2026-01-01"))
                .andExpect(outcome(400, "invalid", "to must be after from"))
                .andExpect(jsonPath("$.issue[0].expression[0]").value("to"));
        mvc.perform(get("/analytics/cards").param("service", "../etc"))
                .andExpect(outcome(400, "invalid", "service must be a service id"));
        verifyNoInteractions(analytics);
    }

    @Test
    void aDatabaseThatDoesNotAnswerIs503() throws Exception {
        when(analytics.cards(any())).thenThrow(new CdsException(CdsError.STORE_UNAVAILABLE,
                "The governance database does not answer"));
        mvc.perform(get("/analytics/cards")).andExpect(outcome(503, "transient", "does not answer"));
    }

    @Test
    void thePageIsOneHtmlFileOneScriptOneStylesheetNeverCachedStale() throws Exception {
        mvc.perform(get("/analytics")).andExpect(status().isOk())
                .andExpect(content().contentType("text/html;charset=UTF-8"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/analytics/analytics.js")))
                .andExpect(header().string("Cache-Control", "no-cache"))
                .andExpect(header().string("Content-Security-Policy",
                        org.hamcrest.Matchers.containsString("script-src 'self'")));
        mvc.perform(get("/analytics/analytics.js")).andExpect(status().isOk())
                .andExpect(content().contentType("text/javascript;charset=UTF-8"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/analytics/cards")));
        mvc.perform(get("/analytics/analytics.css")).andExpect(status().isOk())
                .andExpect(content().contentType("text/css;charset=UTF-8"));
    }

    @Test
    void aCallerOnAnotherMachineIs403InDevelopmentMode() throws Exception {
        mvc.perform(get("/analytics/cards").with(request -> {
            request.setRemoteAddr("203.0.113.7");
            return request;
        })).andExpect(outcome(403, "forbidden", "In development mode the analytics answer only callers on this "
                + "machine"));
        verifyNoInteractions(analytics);
    }
}
