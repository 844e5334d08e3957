package org.cqlhooks.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import org.cqlhooks.testing.Network;
import org.cqlhooks.testing.Outcomes;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.TestKeys;
import org.cqlhooks.testing.TrustedClients;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With trusted clients configured, over real HTTP and from another machine's point of view (this machine's network
 * address): health is open, the other operations endpoints answer only this machine whatever token or forwarded
 * header a caller brings, and refused JWTs say which rule they broke. The platform is set to Kubernetes and every
 * address counts as a proxy, where Spring Boot would otherwise take X-Forwarded-For as the caller's address.
 */
@TrustedClients.Test
class OperationsAccessTest {

    static final String EHR = TrustedClients.EHR_OPS;
    static final ECKey KEY = TrustedClients.OPS;
    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private String lan(String path) {
        return "http://" + Network.lanAddress() + ":" + port + path;
    }

    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bearer(String aud) {
        return "Bearer " + TestKeys.sign(KEY, TestKeys.claims(EHR, aud, TrustedClients.NOW).build());
    }

    @Test
    void healthIsOpenToEveryone() throws Exception {
        HttpResponse<String> health = get(lan("/actuator/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Requests.JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void otherOperationsEndpointsRefuseAnotherMachineWithOrWithoutATrustedClientsToken() throws Exception {
        for (String path : new String[] {"/actuator/metrics", "/actuator/info", "/actuator"}) {
            Outcomes.outcome(get(lan(path)), 401, "login", "Bearer JWT");
            Outcomes.outcome(get(lan(path), "Authorization", bearer(lan(path))), 403, "forbidden",
                    "Only callers on this machine");
            Outcomes.outcome(get(lan(path), "X-Forwarded-For", "127.0.0.1", "X-Forwarded-Proto", "https"), 401,
                    "login", "Bearer JWT");
            Outcomes.outcome(get(lan(path), "Authorization", bearer(lan(path)), "X-Forwarded-For", "127.0.0.1",
                    "Forwarded", "for=127.0.0.1"), 403, "forbidden", "Only callers on this machine");
        }
    }

    @Test
    void thisMachineReadsTheMetrics() throws Exception {
        HttpResponse<String> metrics = get("http://127.0.0.1:" + port + "/actuator/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(Requests.JSON.readTree(metrics.body()).get("names").isArray()).isTrue();
    }

    @Test
    void aTrustedClientsTokenOpensDiscoveryFromAnotherMachine() throws Exception {
        HttpResponse<String> discovery = get(lan("/cds-services"), "Authorization", bearer(lan("/cds-services")));
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(Requests.JSON.readTree(discovery.body()).get("services").isArray()).isTrue();
    }

    @Test
    void refusedTokensSayWhichTimeRuleTheyBroke() throws Exception {
        String aud = lan("/cds-services");
        Instant now = TrustedClients.NOW;
        String reversed = TestKeys.sign(KEY, TestKeys.claims(EHR, aud, now)
                .expirationTime(Date.from(now.minusSeconds(30))).build());
        HttpResponse<String> response = get(aud, "Authorization", "Bearer " + reversed);
        Outcomes.outcome(response, 401, "login", "exp is not after iat");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).contains("error=\"invalid_token\"", "exp is not after iat"));

        String longLived = TestKeys.sign(KEY, TestKeys.claims(EHR, aud, now)
                .expirationTime(Date.from(now.plusSeconds(7200))).build());
        Outcomes.outcome(get(aud, "Authorization", "Bearer " + longLived), 401, "login",
                "token lifetime (exp - iat) is over the maximum of 3600 s");
    }
}
