package org.cqlhooks.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cqlhooks.testing.Calls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * No trusted clients configured: only callers on this machine are answered, without a JWT; one warning at start-up.
 * CORS preflights from a browser-based EHR are answered as configured.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = {"cds.security.cors.allowed-origins=https://sandbox.cds-hooks.org",
        "cds.security.cors.max-age=2h"})
@AutoConfigureMockMvc
class DevelopmentModeTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aLoopbackCallerIsAnsweredWithoutAToken() throws Exception {
        mvc.perform(post(Calls.NTX_SERVICE).contentType(MediaType.APPLICATION_JSON)
                        .content(Calls.naltrexoneWithOpioid("p1", "Test Patient").toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cards[0].source.topic.code").value("NTX-OPIOID"));
    }

    @Test
    void anyOtherCallerIs401() throws Exception {
        mvc.perform(post(Calls.NTX_SERVICE).contentType(MediaType.APPLICATION_JSON)
                        .content(Calls.naltrexoneWithOpioid("p1", "Test Patient").toString())
                        .with(request -> {
                            request.setRemoteAddr("203.0.113.7");
                            return request;
                        }))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(jsonPath("$.issue[0].diagnostics").value(
                        org.hamcrest.Matchers.containsString("Development mode")));
        mvc.perform(get("/cds-services").with(request -> {
            request.setRemoteAddr("10.1.2.3");
            return request;
        })).andExpect(status().isUnauthorized());
    }

    @Test
    void theStartUpLogSaysSoOnce(CapturedOutput output) {
        // The context of this class starts inside the capture (its properties are its own).
        assertThat(output.getAll().split("DEVELOPMENT MODE", -1)).hasSize(2);
    }

    @Test
    void aBrowserPreflightFromAnAllowedOriginIsAnswered() throws Exception {
        mvc.perform(options(Calls.NTX_SERVICE).header("Origin", "https://sandbox.cds-hooks.org")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization,content-type"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "https://sandbox.cds-hooks.org"))
                .andExpect(header().string("Access-Control-Allow-Headers",
                        org.hamcrest.Matchers.containsStringIgnoringCase("authorization")))
                .andExpect(header().string("Access-Control-Max-Age", "7200"));
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() throws Exception {
        mvc.perform(options(Calls.NTX_SERVICE).header("Origin", "https://evil.example")
                        .header("Access-Control-Request-Method", "POST"))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
    }
}
