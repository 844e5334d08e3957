package org.cqlhooks.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.cqlhooks.testing.CardChecks;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.TestKeys;
import org.cqlhooks.testing.TrustedClients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The JWT battery of 2.0.1 "Trusting CDS Clients": tokens signed with keys generated here, and the CDS Hooks
 * sandbox's own captured call verified with its published key at a fixed clock. Everything but a valid token is 401.
 * The site's clients, keys and clock are {@link TrustedClients}'.
 */
@TrustedClients.Test
class ClientJwtTest {

    static final String EHR_A = TrustedClients.EHR_A;
    static final String EHR_B = TrustedClients.EHR_B;
    static final String EHR_C = TrustedClients.EHR_C;
    static final String SANDBOX_JWKS = TrustedClients.SANDBOX_JWKS;
    static final String SANDBOX_PINNED = TrustedClients.SANDBOX_PINNED;
    static final Instant NOW = TrustedClients.NOW;
    static final String AUD = "http://localhost" + Calls.NTX_SERVICE;

    static final ECKey A_EC = TrustedClients.A_EC;
    static final RSAKey A_RSA = TrustedClients.A_RSA;
    static final ECKey B_EC = TrustedClients.B_EC;
    static final ECKey C_1 = TrustedClients.C_1;
    static final ECKey C_2 = TrustedClients.C_2;

    @Autowired
    MockMvc mvc;
    @Autowired
    TrustedClients.ServedKeys keys;

    private ResultActions callNtx(String token) throws Exception {
        var request = post(Calls.NTX_SERVICE).contentType(MediaType.APPLICATION_JSON)
                .content(Calls.naltrexoneWithOpioid("p1", "Test Patient").toString());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return mvc.perform(request);
    }

    private void assertRefused(String token, String reason) throws Exception {
        callNtx(token).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")))
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
                .andExpect(jsonPath("$.issue[0].code").value("login"))
                .andExpect(jsonPath("$.issue[0].diagnostics").value(org.hamcrest.Matchers.containsString(reason)));
    }

    private static JWTClaimsSet valid(String iss) {
        return TestKeys.claims(iss, AUD, NOW).build();
    }

    // ---------- accepted ----------

    @Test
    void aValidEs384TokenIsAnswered() throws Exception {
        assertThat(CardChecks.ids(callNtx(TestKeys.sign(A_EC, valid(EHR_A))).andExpect(status().isOk())))
                .containsExactly("NTX-OPIOID");
    }

    @Test
    void aValidRs384TokenWithAnAudienceArrayAndTheConfiguredJkuIsAnswered() throws Exception {
        JWTClaimsSet claims = TestKeys.claims(EHR_A, null, NOW).audience(List.of("https://other.example", AUD)).build();
        String token = TestKeys.sign(A_RSA, claims, h -> h.jwkURL(TestKeys.uri(EHR_A + "/jwks.json")));
        assertThat(CardChecks.ids(callNtx(token).andExpect(status().isOk()))).containsExactly("NTX-OPIOID");
    }

    @Test
    void discoveryNeedsATokenForItsOwnUrl() throws Exception {
        mvc.perform(get("/cds-services")).andExpect(status().isUnauthorized());
        String token = TestKeys.sign(A_EC, TestKeys.claims(EHR_A, "http://localhost/cds-services", NOW).build());
        mvc.perform(get("/cds-services").header("Authorization", "Bearer " + token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.services[0].id").exists());
    }

    @Test
    void feedbackNeedsAToken() throws Exception {
        mvc.perform(post(Calls.NTX_SERVICE + "/feedback").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
    }

    @Test
    void healthIsOpenAndOtherOperationsEndpointsServeOnlyThisMachine() throws Exception {
        mvc.perform(get("/actuator/health").with(request -> {
            request.setRemoteAddr("203.0.113.9");
            return request;
        })).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/metrics")).andExpect(status().isOk()).andExpect(jsonPath("$.names").isArray());
        mvc.perform(get("/actuator/metrics").with(request -> {
            request.setRemoteAddr("203.0.113.9");
            return request;
        })).andExpect(status().isUnauthorized());
    }

    // ---------- refused ----------

    @Test
    void aMissingAuthorizationHeaderIs401() throws Exception {
        callNtx(null).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"cds-services\""))
                .andExpect(jsonPath("$.issue[0].code").value("login"));
    }

    @Test
    void anUnsignedTokenIs401() throws Exception {
        PlainJWT none = new PlainJWT(valid(EHR_A));
        assertRefused(none.serialize(), "asymmetric");
        // Also with typ and kid set, as an attacker would.
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"a-ec\"}").toString();
        assertRefused(header + "." + valid(EHR_A).toPayload().toBase64URL() + ".", "asymmetric");
    }

    @Test
    void anHmacTokenSignedWithThePublicKeyIs401() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
                .keyID("a-rsa").build(), valid(EHR_A));
        jwt.sign(new MACSigner(A_RSA.toPublicKey().getEncoded()));
        assertRefused(jwt.serialize(), "asymmetric");
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        JWTClaimsSet claims = TestKeys.claims(EHR_A, AUD, NOW.minusSeconds(900)).build();
        assertRefused(TestKeys.sign(A_EC, claims), "expired");
    }

    @Test
    void aTokenIssuedInTheFutureIs401() throws Exception {
        JWTClaimsSet claims = TestKeys.claims(EHR_A, AUD, NOW.plusSeconds(600)).build();
        assertRefused(TestKeys.sign(A_EC, claims), "not yet valid");
    }

    @Test
    void aTokenForAnotherEndpointIs401() throws Exception {
        JWTClaimsSet claims = TestKeys.claims(EHR_A, "http://localhost/cds-services/other-service", NOW).build();
        assertRefused(TestKeys.sign(A_EC, claims), "aud");
    }

    @Test
    void anUnknownIssuerIs401() throws Exception {
        assertRefused(TestKeys.sign(A_EC, valid("https://stranger.example.org")), "untrusted issuer");
    }

    @Test
    void anUnknownKidIs401() throws Exception {
        assertRefused(TestKeys.sign(TestKeys.ec("nobody"), valid(EHR_A)), "signature");
    }

    @Test
    void aForeignJkuIs401() throws Exception {
        String token = TestKeys.sign(A_EC, valid(EHR_A), h -> h.jwkURL(TestKeys.uri("https://evil.example/jwks")));
        assertRefused(token, "jku");
    }

    @Test
    void aReplayedTokenIs401() throws Exception {
        String token = TestKeys.sign(A_EC, valid(EHR_A));
        callNtx(token).andExpect(status().isOk());
        assertRefused(token, "already used");
    }

    @Test
    void aTamperedPayloadIs401() throws Exception {
        String[] parts = TestKeys.sign(A_EC, valid(EHR_A)).split("\\.");
        String forged = TestKeys.claims(EHR_A, AUD, NOW).build().toPayload().toBase64URL().toString();
        assertRefused(parts[0] + "." + forged + "." + parts[2], "signature");
    }

    @Test
    void oneClientsKeyCannotSpeakForAnother() throws Exception {
        // B signs a token claiming to be A, even under A's kid.
        assertRefused(TestKeys.sign(B_EC, valid(EHR_A)), "signature");
        assertRefused(TestKeys.sign(B_EC, valid(EHR_A), h -> h.keyID("a-ec")), "signature");
        // B's own token is fine.
        callNtx(TestKeys.sign(B_EC, valid(EHR_B))).andExpect(status().isOk());
    }

    @Test
    void aTypOtherThanJwtOrNoKidIs401() throws Exception {
        assertRefused(TestKeys.sign(A_EC, valid(EHR_A), h -> h.type(new JOSEObjectType("at+jwt"))), "typ");
        assertRefused(TestKeys.sign(A_EC, valid(EHR_A), h -> h.keyID(null)), "kid");
    }

    @Test
    void aKeyRotationCostsOneFetchAndUnknownKidsNoMore() throws Exception {
        String jwks = EHR_C + "/jwks.json";
        callNtx(TestKeys.sign(C_1, valid(EHR_C))).andExpect(status().isOk());
        assertThat(keys.fetches(jwks)).isEqualTo(1);

        keys.sets.put(jwks, TestKeys.publicSet(C_1, C_2));
        callNtx(TestKeys.sign(C_2, valid(EHR_C))).andExpect(status().isOk());
        assertThat(keys.fetches(jwks)).isEqualTo(2);

        for (int i = 0; i < 5; i++) {
            assertRefused(TestKeys.sign(TestKeys.ec("c-unknown-" + i), valid(EHR_C)), "signature");
        }
        assertThat(keys.fetches(jwks)).isEqualTo(2);
        callNtx(TestKeys.sign(C_1, valid(EHR_C))).andExpect(status().isOk());
    }

    // ---------- the CDS Hooks sandbox's real call ----------

    private JsonNode captured() throws Exception {
        try (InputStream in = getClass().getResourceAsStream(
                "/fixtures/sandbox/captured-patient-view-request-cond-med-count.json")) {
            return Requests.JSON.readTree(in);
        }
    }

    @Test
    void theSandboxsCapturedCallVerifiesWithItsPublishedKey() throws Exception {
        JsonNode captured = captured();
        String url = captured.at("/_captured/url").asText();
        String authorization = captured.at("/_captured/headers/authorization").asText();
        // The token is valid for the URL it was sent to: authentication passes, and the service id is not ours.
        mvc.perform(post(url).header("Authorization", authorization).contentType(MediaType.APPLICATION_JSON)
                        .content(captured.get("request").toString()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.issue[0].code").value("not-found"));
        // The same token sent again is a replay.
        mvc.perform(post(url).header("Authorization", authorization).contentType(MediaType.APPLICATION_JSON)
                        .content(captured.get("request").toString()))
                .andExpect(status().isUnauthorized());
        // Its keys came from the pinned copy; the https jku it names was allowed, and never fetched.
        assertThat(keys.fetches(SANDBOX_PINNED)).isEqualTo(1);
        assertThat(keys.fetches(SANDBOX_JWKS)).isZero();
    }

    @Test
    void theSandboxsTokenIsRefusedAtAnotherEndpoint() throws Exception {
        String authorization = captured().at("/_captured/headers/authorization").asText();
        mvc.perform(post(Calls.NTX_SERVICE).header("Authorization", authorization)
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.issue[0].diagnostics").value(org.hamcrest.Matchers.containsString("aud")));
    }
}
