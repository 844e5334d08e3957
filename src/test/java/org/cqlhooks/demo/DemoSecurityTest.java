package org.cqlhooks.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cqlhooks.testing.OperationsSiteTest;
import org.cqlhooks.testing.ServerTest;
import org.cqlhooks.testing.TrustedClients;
import org.cqlhooks.testing.TrustedEhrTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Who gets the demo: on by default in development mode and only for callers on this machine; off with trusted
 * clients unless cds.demo.enabled turns it on, and then still only for this machine, while the CDS endpoints keep
 * asking for a JWT.
 */
class DemoSecurityTest {

    private static final RequestPostProcessor FROM_ELSEWHERE = request -> {
        request.setRemoteAddr("203.0.113.7");
        return request;
    };

    @Nested
    @ServerTest
    class InDevelopmentMode {

        @Autowired
        MockMvc mvc;

        @Test
        void thePageIsServedToThisMachineWithAPolicyThatAllowsOnlyItsOwnScripts() throws Exception {
            mvc.perform(get("/")).andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("/demo/demo.js")))
                    .andExpect(header().string("Content-Security-Policy",
                            org.hamcrest.Matchers.containsString("script-src 'self'")));
            mvc.perform(get("/demo/demo.js")).andExpect(status().isOk())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("data-card-id")));
            mvc.perform(get("/demo/demo.css")).andExpect(status().isOk());
            mvc.perform(get("/demo/other.js")).andExpect(status().isNotFound());
        }

        @Test
        void otherMachinesGet403ForThePageAndTheFhirServer() throws Exception {
            for (String path : new String[] {"/", "/demo/demo.js", "/fhir/metadata", "/fhir/Patient"}) {
                mvc.perform(get(path).with(FROM_ELSEWHERE)).andExpect(status().isForbidden())
                        .andExpect(jsonPath("$.issue[0].code").value("forbidden"));
            }
        }

        @Test
        void theSandboxMayReadFhirFromItsOriginWithCors() throws Exception {
            mvc.perform(options("/fhir/Patient").header("Origin", "https://sandbox.cds-hooks.org")
                            .header("Access-Control-Request-Method", "GET"))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Access-Control-Allow-Origin", "https://sandbox.cds-hooks.org"));
        }

        @Test
        void cardMarkdownIsRenderedWithHtmlEscapedAndUnsafeLinksDropped() throws Exception {
            String markdown = "**Bold** <script>alert(1)</script> [x](javascript:alert(2)) [y](https://example.org)";
            mvc.perform(post("/demo/markdown").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"markdown\":[" + org.cqlhooks.testing.Requests.JSON.writeValueAsString(markdown)
                                    + "]}"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.html[0]").value(org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.containsString("<strong>Bold</strong>"),
                            org.hamcrest.Matchers.containsString("&lt;script&gt;"),
                            org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<script")),
                            org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("javascript:")),
                            org.hamcrest.Matchers.containsString("href=\"\" target=\"_blank\">x</a>"),
                            org.hamcrest.Matchers.containsString("<a rel=\"noopener noreferrer\" "
                                    + "href=\"https://example.org\" target=\"_blank\">y</a>"))));
            mvc.perform(post("/demo/markdown").contentType(MediaType.APPLICATION_JSON).content("{}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.issue[0].expression[0]").value("markdown"));
        }
    }

    /** A trusted EHR configured and cds.demo.enabled left alone ({@link TrustedEhrTest}'s site). */
    @Nested
    class WithTrustedClients extends TrustedEhrTest {

        @Autowired
        MockMvc mvc;
        @Autowired
        ApplicationContext context;

        @Test
        void theDemoIsOff() throws Exception {
            assertThat(context.getBeansOfType(SampleDataLoad.class)).isEmpty();
            assertThat(context.getBeanNamesForType(DemoPageController.class)).isEmpty();
            mvc.perform(get("/")).andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
                    .andExpect(jsonPath("$.issue[0].code").value("login"));
        }
    }

    /** The production site of {@link TrustedClients}, which turns the demo on for this machine. */
    @Nested
    @TrustedClients.Test
    class WithTrustedClientsAndTheDemoTurnedOn {

        @Autowired
        MockMvc mvc;

        @Test
        void thePageIsForThisMachineOnlyAndTheCdsEndpointsStillAskForAJwt() throws Exception {
            mvc.perform(get("/")).andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("/demo/demo.js")));
            mvc.perform(get("/").with(FROM_ELSEWHERE)).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.issue[0].code").value("forbidden"));
            mvc.perform(get("/cds-services")).andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")))
                    .andExpect(jsonPath("$.issue[0].code").value("login"));
        }
    }

    /** cds.demo.enabled=false in development mode ({@link OperationsSiteTest}'s site). */
    @Nested
    @OperationsSiteTest
    class InDevelopmentModeTurnedOff {

        @Autowired
        MockMvc mvc;

        @Test
        void thereIsNoPage() throws Exception {
            mvc.perform(get("/")).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
                    .andExpect(jsonPath("$.issue[0].code").value("not-found"));
            mvc.perform(get("/demo/demo.js")).andExpect(status().isNotFound());
        }
    }
}
