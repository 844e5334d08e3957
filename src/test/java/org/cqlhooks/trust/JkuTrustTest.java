package org.cqlhooks.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.cqlhooks.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Which {@code jku} a client's JWT may carry ({@code cds.security.clients[n].jku}), keys read from {@code jwks} only,
 * and refusal reasons that say which time rule a token broke.
 */
class JkuTrustTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String AUD = "https://cds.example.org/cds-services/naltrexone-opioid-safety";
    private static final String WEB = "https://ehr.example.org/.well-known/jwks.json";
    private static final String PINNED = "file:/etc/cql-hooks/ehr-jwks.json";
    private static final ECKey KEY = TestKeys.ec("k1");

    /** Serves the key for any location, counting which locations were read. */
    private final List<String> read = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final JwksLoader loader = new JwksLoader(new DefaultResourceLoader()) {
        @Override
        public String load(String location) {
            read.add(location);
            reads.incrementAndGet();
            return TestKeys.publicSet(KEY);
        }
    };

    private ClientTokenVerifier verifier(TrustedClient client) {
        SecurityProperties settings = new SecurityProperties(List.of(client), "https://cds.example.org",
                Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofSeconds(30),
                new SecurityProperties.Cors(List.of("*"), Duration.ofHours(1)),
                new SecurityProperties.FhirServer(List.of()), Duration.ofMinutes(10),
                new SecurityProperties.Operations(List.of()));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new ClientTokenVerifier(settings, loader, new ReplayStore(ReplayDatabase.fresh(), clock), clock);
    }

    private static String token(String jku) {
        return TestKeys.sign(KEY, TestKeys.claims("https://ehr.example.org", AUD, NOW).build(),
                h -> jku == null ? h : h.jwkURL(TestKeys.uri(jku)));
    }

    @Test
    void byDefaultAnHttpsJwksIsTheOneJkuAllowed() {
        ClientTokenVerifier verifier = verifier(new TrustedClient("https://ehr.example.org", WEB, List.of()));
        assertThat(verifier.verify(token(WEB), AUD).issuer()).isEqualTo("https://ehr.example.org");
        assertThat(verifier.verify(token(null), AUD).issuer()).isEqualTo("https://ehr.example.org");
        assertThatThrownBy(() -> verifier.verify(token("https://evil.example/jwks.json"), AUD))
                .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("untrusted jku");
    }

    @Test
    void pinnedKeysWithoutAListedJkuAcceptOnlyTokensWithoutOne() {
        // Before cds.security.clients[n].jku, such a client could never be trusted when it sent its jku.
        ClientTokenVerifier verifier = verifier(new TrustedClient("https://ehr.example.org", PINNED, List.of()));
        assertThat(verifier.verify(token(null), AUD).issuer()).isEqualTo("https://ehr.example.org");
        assertThatThrownBy(() -> verifier.verify(token(WEB), AUD)).hasMessageContaining("untrusted jku");
    }

    @Test
    void pinnedKeysWithTheJkuTheClientSendsAreTrustedAndReadOnlyFromThePinnedCopy() {
        ClientTokenVerifier verifier = verifier(
                new TrustedClient("https://ehr.example.org", PINNED, List.of(WEB), List.of()));
        assertThat(verifier.verify(token(WEB), AUD).issuer()).isEqualTo("https://ehr.example.org");
        assertThat(read).containsOnly(PINNED);
        assertThatThrownBy(() -> verifier.verify(token("https://evil.example/jwks.json"), AUD))
                .hasMessageContaining("untrusted jku");
    }

    @Test
    void aJkuListMayOnlyHoldHttpsUrls() {
        assertThatThrownBy(() -> new TrustedClient("https://ehr.example.org", PINNED,
                List.of("http://ehr.example.org/jwks.json"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jku must list https URLs");
    }

    @Test
    void timeClaimRefusalsSayWhichRuleWasBroken() {
        ClientTokenVerifier verifier = verifier(new TrustedClient("https://ehr.example.org", WEB, List.of()));
        assertThatThrownBy(() -> verifier.verify(TestKeys.sign(KEY, TestKeys.claims("https://ehr.example.org", AUD,
                NOW).expirationTime(java.util.Date.from(NOW.minusSeconds(10))).build()), AUD))
                .hasMessage("exp is not after iat");
        assertThatThrownBy(() -> verifier.verify(TestKeys.sign(KEY, TestKeys.claims("https://ehr.example.org", AUD,
                NOW).expirationTime(java.util.Date.from(NOW.plusSeconds(7200))).build()), AUD))
                .hasMessage("token lifetime (exp - iat) is over the maximum of 3600 s (cds.security.max-token-lifetime)");
        assertThatThrownBy(() -> verifier.verify(TestKeys.sign(KEY, TestKeys.claims("https://ehr.example.org", AUD,
                NOW.minusSeconds(900)).build()), AUD))
                .hasMessage("token expired (exp is in the past)");
        assertThatThrownBy(() -> verifier.verify(TestKeys.sign(KEY, TestKeys.claims("https://ehr.example.org", AUD,
                NOW.plusSeconds(600)).build()), AUD))
                .hasMessage("iat is in the future (token not yet valid)");
        assertThatThrownBy(() -> verifier.verify(TestKeys.sign(KEY, TestKeys.claims("https://ehr.example.org", AUD,
                NOW).notBeforeTime(java.util.Date.from(NOW.plusSeconds(600))).build()), AUD))
                .hasMessage("nbf is in the future (token not yet valid)");
    }
}
