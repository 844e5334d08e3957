package org.cqlhooks.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqlhooks.testing.Outcomes.outcome;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.TestContent;
import org.cqlhooks.testing.WebSliceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Discovery in the web slice: the bundled services listed as 2.0.1 describes them, and the refusals of its path.
 */
@WebSliceTest
class DiscoverySliceTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theServicesAreListedSortedWithTheFieldsOfTheSpecAndWithoutTheAllInOne() throws Exception {
        String body = mvc.perform(get("/cds-services")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn().getResponse().getContentAsString();
        JsonNode services = Requests.JSON.readTree(body).get("services");
        List<String> ids = new ArrayList<>();
        services.forEach(s -> ids.add(s.get("id").asText()));
        assertThat(ids).containsExactly("fibromyalgia-workup", "naltrexone-opioid-safety", "pain-lab-panel");
        for (JsonNode service : services) {
            var definition = TestContent.catalog().find(service.get("id").asText()).orElseThrow().definition();
            assertThat(service.get("hook").asText()).isEqualTo("patient-view");
            assertThat(service.get("title").asText()).isEqualTo(definition.title());
            assertThat(service.get("description").asText()).isEqualTo(definition.description());
            assertThat(Requests.JSON.convertValue(service.get("prefetch"), java.util.Map.class))
                    .isEqualTo(definition.prefetch());
            List<String> fields = new ArrayList<>();
            service.fieldNames().forEachRemaining(fields::add);
            assertThat(List.of("hook", "title", "description", "id", "prefetch", "usageRequirements"))
                    .containsAll(fields);
        }
    }

    @Test
    void anotherMethodIs405NamingTheOneAllowed() throws Exception {
        mvc.perform(put("/cds-services").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(outcome(405, "not-supported", "Method PUT is not supported here", "allows GET"))
                .andExpect(header().string("Allow", "GET"));
    }

    @Test
    void anAcceptWithoutJsonIs406AnsweredInJson() throws Exception {
        mvc.perform(get("/cds-services").accept(MediaType.TEXT_HTML))
                .andExpect(outcome(406, "not-supported", "application/json only"));
    }

    @Test
    void aCallerOnAnotherMachineIs401InDevelopmentMode() throws Exception {
        mvc.perform(get("/cds-services").with(request -> {
            request.setRemoteAddr("203.0.113.7");
            return request;
        })).andExpect(outcome(401, "login", "Development mode"))
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"cds-services\""));
    }
}
