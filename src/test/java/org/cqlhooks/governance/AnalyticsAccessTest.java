package org.cqlhooks.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cqlhooks.CqlHooksApplication;
import org.cqlhooks.testing.ServerTest;
import org.cqlhooks.testing.TestKeys;
import org.cqlhooks.testing.TrustedClients;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Who may read the analytics: in development mode this machine only; with trusted clients the operator credential
 * (HTTP Basic, password stored as a bcrypt hash) and nothing else, not even a valid EHR JWT. A server with trusted
 * clients does not start without a patient-hash key, nor with an operator password that is not a hash.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnalyticsAccessTest {

    static final String EHR = "https://ehr.example.org";
    static final String OPERATOR = TrustedClients.OPERATOR;
    static final String PASSWORD = TrustedClients.OPERATOR_PASSWORD;
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
        void thisMachineReadsTheAnalyticsAndOthersGet403() throws Exception {
            mvc.perform(get("/analytics/cards")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.cards").isArray());
            for (String path : new String[] {"/analytics", "/analytics/cards", "/analytics/analytics.js"}) {
                mvc.perform(get(path).with(FROM_ELSEWHERE)).andExpect(status().isForbidden())
                        .andExpect(jsonPath("$.issue[0].code").value("forbidden"));
            }
        }
    }

    /** The operator credential and the EHR are {@link TrustedClients}'. */
    @Nested
    @TrustedClients.Test
    class WithTrustedClients {

        @Autowired
        MockMvc mvc;

        @Test
        void onlyTheOperatorCredentialOpensThem() throws Exception {
            mvc.perform(get("/analytics/cards").with(httpBasic(OPERATOR, PASSWORD))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.cards").isArray());
            mvc.perform(get("/analytics").with(httpBasic(OPERATOR, PASSWORD)).with(FROM_ELSEWHERE))
                    .andExpect(status().isOk())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("/analytics/analytics.js")));

            mvc.perform(get("/analytics/cards")).andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic realm=")))
                    .andExpect(jsonPath("$.issue[0].code").value("login"));
            mvc.perform(get("/analytics/cards").with(httpBasic(OPERATOR, "wrong")))
                    .andExpect(status().isUnauthorized());
            mvc.perform(get("/analytics/cards").with(httpBasic("someone", PASSWORD)))
                    .andExpect(status().isUnauthorized());
            // A valid JWT of the trusted EHR (it would open the service) opens nothing here.
            String jwt = TestKeys.sign(TrustedClients.A_EC, TestKeys.claims(TrustedClients.EHR_A,
                    "http://localhost/analytics/cards", TrustedClients.NOW).build());
            mvc.perform(get("/analytics/cards").header("Authorization", "Bearer " + jwt))
                    .andExpect(status().isUnauthorized());
        }
    }

    private static RequestPostProcessor httpBasic(String user, String password) {
        String token = java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return request -> {
            request.addHeader("Authorization", "Basic " + token);
            return request;
        };
    }

    /** Starts the server with trusted clients and {@code arguments} (as command-line arguments: they win). */
    private static void start(String... arguments) {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("--spring.main.banner-mode=off",
                "--server.port=0", "--cds.security.clients[0].issuer=" + EHR,
                "--cds.security.clients[0].jwks=https://ehr.example.org/jwks.json"),
                java.util.Arrays.stream(arguments).map(a -> "--" + a)).toArray(String[]::new);
        new SpringApplicationBuilder(CqlHooksApplication.class).run(all).close();
    }

    @Test
    void withTrustedClientsTheStartNeedsAPatientKeyOfAtLeast32Bytes(CapturedOutput output) {
        assertThatThrownBy(() -> start("cds.governance.patient-key="))
                .hasStackTraceContaining("cds.governance.patient-key: a secret of at least 32 bytes is required when "
                        + "cds.security.clients is set");
        assertThatThrownBy(() -> start("cds.governance.patient-key=short-secret-key"))
                .hasStackTraceContaining("cds.governance.patient-key: the key needs at least 32 bytes")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("short-secret-key"));
        assertThat(output.getAll()).doesNotContain("short-secret-key");
    }

    @Test
    void theOperatorPasswordMustBeAHash(CapturedOutput output) {
        assertThatThrownBy(() -> start("cds.operator.username=committee", "cds.operator.password=plain-secret"))
                .hasStackTraceContaining("cds.operator.password: give the password's hash")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("plain-secret"));
        assertThat(output.getAll()).doesNotContain("plain-secret");
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
