package org.cqlhooks.ops;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cqlhooks.testing.OperationsSiteTest;
import org.cqlhooks.testing.Outcomes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * {@code cds.security.operations.allowed-addresses} lets a Prometheus server or the cluster's pod network use
 * {@code /actuator/*} (metrics, prometheus) besides this machine; it opens nothing else, and other addresses are
 * still refused. Development mode here, the addresses {@link OperationsSiteTest}'s; the rule without the setting is
 * MetricsTest's.
 */
@OperationsSiteTest
class OperationsAddressesTest {

    @Autowired
    MockMvc mvc;

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void anAllowedAddressMayScrapeTheMetrics() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(from("10.1.2.3"))).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus").with(from("fd00:1::7"))).andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics").with(from("10.1.200.1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.names").isArray());
    }

    @Test
    void otherAddressesAreStillRefused() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(from("10.2.0.1"))).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
        mvc.perform(get("/actuator/prometheus").with(from("203.0.113.7"))).andExpect(status().isUnauthorized());
    }

    @Test
    void theSettingOpensNothingButTheOperationsEndpoints() throws Exception {
        mvc.perform(get("/cds-services").with(from("10.1.2.3")))
                .andExpect(Outcomes.outcome(401, "login", "Development mode"));
        mvc.perform(post(ProbeCalls.SERVICE).with(from("10.1.2.3")).contentType(MediaType.APPLICATION_JSON)
                        .content(ProbeCalls.request("p1", 1, null).toString()))
                .andExpect(Outcomes.outcome(401, "login", "Development mode"));
    }

    @Test
    void theProbesAreOpenToEveryCallerAndShowTheContent() throws Exception {
        mvc.perform(get("/actuator/health/liveness").with(from("203.0.113.7"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness").with(from("203.0.113.7"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.content.status").value("UP"))
                .andExpect(jsonPath("$.components.content.details.services[0]").value("ops-probe"))
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.readinessState.status").value("UP"));
    }
}
