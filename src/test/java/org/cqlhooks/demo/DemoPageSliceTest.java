package org.cqlhooks.demo;

import static org.cqlhooks.testing.Outcomes.outcome;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.WebSliceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The demo page in the web slice (development mode, so the demo is on): its three files with their types and policy,
 * the markdown rendering with the limits of its request, and this machine only.
 */
@WebSliceTest
class DemoPageSliceTest {

    @Autowired
    MockMvc mvc;

    @Test
    void thePageItsScriptAndItsStylesheetAreServedWithTheirTypesAndPolicy() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk())
                .andExpect(content().contentType("text/html;charset=UTF-8"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/demo/demo.js")))
                .andExpect(header().string("Cache-Control", "no-cache"))
                .andExpect(header().string("Content-Security-Policy", DemoSecurityConfig.CONTENT_SECURITY_POLICY));
        mvc.perform(get("/demo/demo.js")).andExpect(status().isOk())
                .andExpect(content().contentType("text/javascript;charset=UTF-8"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/demo/markdown")));
        mvc.perform(get("/demo/demo.css")).andExpect(status().isOk())
                .andExpect(content().contentType("text/css;charset=UTF-8"));
        mvc.perform(get("/demo/other.js")).andExpect(outcome(404, "not-found", "No such endpoint"));
    }

    @Test
    void markdownIsRenderedInOrderWithHtmlEscaped() throws Exception {
        mvc.perform(post("/demo/markdown").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"markdown\":[\"**one**\",\"<b>two</b>\",null]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.html.length()").value(3))
                .andExpect(jsonPath("$.html[0]").value(org.hamcrest.Matchers.containsString("<strong>one</strong>")))
                .andExpect(jsonPath("$.html[1]").value(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("&lt;b&gt;two&lt;/b&gt;"),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<b>")))));
    }

    @Test
    void aMarkdownRequestOutsideItsLimitsIs400NamingTheField() throws Exception {
        mvc.perform(post("/demo/markdown").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(outcome(400, "invalid", "markdown is required"))
                .andExpect(jsonPath("$.issue[0].expression[0]").value("markdown"));
        StringBuilder many = new StringBuilder("{\"markdown\":[");
        for (int i = 0; i <= 200; i++) {
            many.append(i == 0 ? "" : ",").append("\"x\"");
        }
        mvc.perform(post("/demo/markdown").contentType(MediaType.APPLICATION_JSON).content(many.append("]}")
                        .toString()))
                .andExpect(outcome(400, "invalid", "at most 200 texts per request"));
        String long_ = Requests.JSON.writeValueAsString("y".repeat(100_001));
        mvc.perform(post("/demo/markdown").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"markdown\":[\"ok\"," + long_ + "]}"))
                .andExpect(outcome(400, "invalid", "at most 100000 characters"))
                .andExpect(jsonPath("$.issue[0].expression[0]").value("markdown[1]"));
    }

    @Test
    void otherMachinesGet403ForThePageAndTheRendering() throws Exception {
        for (var request : new org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder[] {
            get("/"), get("/demo/demo.js"), post("/demo/markdown").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"markdown\":[\"x\"]}")}) {
            mvc.perform(request.with(r -> {
                r.setRemoteAddr("203.0.113.7");
                return r;
            })).andExpect(outcome(403, "forbidden", "answers only callers on this machine"));
        }
    }
}
