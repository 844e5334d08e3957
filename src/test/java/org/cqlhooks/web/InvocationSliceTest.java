package org.cqlhooks.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqlhooks.testing.Outcomes.outcome;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cqlhooks.invocation.InvocationService;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.WebSliceTest;
import org.cqlhooks.wire.Card;
import org.cqlhooks.wire.CdsResponse;
import org.cqlhooks.wire.Coding;
import org.cqlhooks.wire.Indicator;
import org.cqlhooks.wire.Source;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * POST /cds-services/{id} in the web slice: the body reaches the invocation service byte for byte, its cards go out
 * in 2.0.1's form (empty optional fields left out), and what the web tier refuses itself never reaches the service.
 */
@WebSliceTest
class InvocationSliceTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    InvocationService invocations;

    private static Card card() {
        return new Card("3f1c2a9e-7d4b-4e8a-9c61-0b2d5e7f8a13", "Naltrexone with an active opioid", "The detail",
                Indicator.CRITICAL, new Source("Bundled content", null, null,
                        new Coding("http://cqlhooks.org/card", "NTX-OPIOID", null)),
                List.of(), null, List.of(), null, Map.of("org.cqlhooks.evidence", "Regulatory label"));
    }

    @Test
    void theBodyReachesTheServiceAndItsCardsAreAnsweredInTheSpecsForm() throws Exception {
        String body = Calls.naltrexoneWithOpioid(Calls.NTX_PATIENT, "Test Patient").toString();
        when(invocations.invoke(eq("naltrexone-opioid-safety"), any())).thenReturn(CdsResponse.of(List.of(card())));

        mvc.perform(post(Calls.NTX_SERVICE).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        {"cards":[{"uuid":"3f1c2a9e-7d4b-4e8a-9c61-0b2d5e7f8a13",
                          "summary":"Naltrexone with an active opioid","detail":"The detail","indicator":"critical",
                          "source":{"label":"Bundled content","topic":{"system":"http://cqlhooks.org/card",
                            "code":"NTX-OPIOID"}},
                          "extension":{"org.cqlhooks.evidence":"Regulatory label"}}]}""", true));
        ArgumentCaptor<byte[]> sent = ArgumentCaptor.forClass(byte[].class);
        verify(invocations).invoke(eq("naltrexone-opioid-safety"), sent.capture());
        assertThat(new String(sent.getValue(), StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void noCardsIsAnEmptyCardsArrayAndNoSystemActions() throws Exception {
        when(invocations.invoke(any(), any())).thenReturn(CdsResponse.of(List.of()));
        mvc.perform(post(Calls.NTX_SERVICE).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isOk()).andExpect(content().json("{\"cards\":[]}", true));
    }

    @Test
    void jsonWithACharsetIsAccepted() throws Exception {
        when(invocations.invoke(any(), any())).thenReturn(CdsResponse.of(List.of()));
        mvc.perform(post(Calls.NTX_SERVICE).contentType("application/json; charset=utf-8").content("{}"))
                .andExpect(status().isOk()).andExpect(content().json("{\"cards\":[]}", true));
    }

    @Test
    void aBodyNotDeclaredJsonIs415AndNeverReachesTheService() throws Exception {
        mvc.perform(post(Calls.NTX_SERVICE).contentType(MediaType.TEXT_PLAIN).content("{}"))
                .andExpect(outcome(415, "not-supported", "Content-Type text/plain", "application/json"))
                .andExpect(header().string("Accept", "application/json"));
        mvc.perform(post(Calls.NTX_SERVICE).content("{}"))
                .andExpect(outcome(415, "not-supported", "no Content-Type header"));
        verifyNoInteractions(invocations);
    }

    @Test
    void aMissingBodyIs400() throws Exception {
        mvc.perform(post(Calls.NTX_SERVICE).contentType(MediaType.APPLICATION_JSON))
                .andExpect(outcome(400, "invalid", "The request body is missing or is not valid JSON"));
        verifyNoInteractions(invocations);
    }

    @Test
    void aGetOfAServiceIs405NamingPost() throws Exception {
        mvc.perform(get(Calls.NTX_SERVICE)).andExpect(outcome(405, "not-supported", "Method GET", "allows POST"))
                .andExpect(header().string("Allow", "POST"));
        verifyNoInteractions(invocations);
    }

    @Test
    void aPathThatIsNoEndpointIs404() throws Exception {
        mvc.perform(get("/cds-services/naltrexone-opioid-safety/other/path"))
                .andExpect(outcome(404, "not-found", "No such endpoint; services are listed at /cds-services"));
        mvc.perform(get("/nothing-here")).andExpect(outcome(404, "not-found", "No such endpoint"));
    }

    @Test
    void aCallerOnAnotherMachineIs401BeforeTheService() throws Exception {
        mvc.perform(post(Calls.NTX_SERVICE).contentType(MediaType.APPLICATION_JSON).content("{}").with(request -> {
            request.setRemoteAddr("10.1.2.3");
            return request;
        })).andExpect(outcome(401, "login", "Development mode: this server answers only callers on its own machine"))
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"cds-services\""));
        verifyNoInteractions(invocations);
    }
}
