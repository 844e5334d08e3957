package org.cqlhooks.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;

/** The small parts of trust, without a server: the expected aud, where keys may be read from, the jti replay
 * record (on the embedded H2 database). */
class TrustPiecesTest {

    private static MockHttpServletRequest request(String contextPath, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", contextPath + path);
        request.setContextPath(contextPath);
        request.setServerName("10.0.0.5");
        request.setServerPort(8080);
        return request;
    }

    @Test
    void theAudienceIsTheConfiguredBaseUrlPlusThePathCalled() {
        assertThat(SecurityConfig.expectedAudience(request("", "/cds-services/some-service"),
                "https://cds.example.org")).isEqualTo("https://cds.example.org/cds-services/some-service");
        assertThat(SecurityConfig.expectedAudience(request("/cds", "/cds-services"), "https://cds.example.org/"))
                .isEqualTo("https://cds.example.org/cds-services");
    }

    @Test
    void withoutAConfiguredBaseTheAudienceIsTheRequestsOwnUrl() {
        assertThat(SecurityConfig.expectedAudience(request("", "/cds-services/x"), null))
                .isEqualTo("http://10.0.0.5:8080/cds-services/x");
    }

    @Test
    void keysAreReadFromTheClasspathAndFiles() throws IOException {
        JwksLoader loader = new JwksLoader(new DefaultResourceLoader());
        assertThat(loader.load("classpath:fixtures/sandbox/jwks.json")).contains("44823f3d-0b01-4a6c-a80e-b9d3e8a7226f");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://keys.example.org/jwks.json", "ftp://keys.example.org/jwks.json",
            "jar:file:/x.jar!/jwks.json"})
    void keysAreNeverReadOverPlainHttpFromAnotherHostNorOtherSchemes(String location) {
        JwksLoader loader = new JwksLoader(new DefaultResourceLoader());
        assertThatThrownBy(() -> loader.load(location)).isInstanceOf(IOException.class)
                .hasMessageContaining("https:, file: or classpath:");
    }

    @Test
    void aJtiIsRefusedAgainUntilItsTokenExpires() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        JdbcTemplate database = ReplayDatabase.fresh();
        ReplayStore cache = new ReplayStore(database, Clock.fixed(now, ZoneOffset.UTC));
        assertThat(cache.firstUse("https://a", "j1", now.plusSeconds(60))).isTrue();
        assertThat(cache.firstUse("https://a", "j1", now.plusSeconds(60))).isFalse();
        // Another issuer's jti is its own.
        assertThat(cache.firstUse("https://b", "j1", now.plusSeconds(60))).isTrue();
        // An entry whose token expired no longer blocks (the token itself is refused by exp anyway).
        ReplayStore later = new ReplayStore(database, Clock.fixed(now.plusSeconds(120), ZoneOffset.UTC));
        assertThat(later.firstUse("https://a", "j2", now.plusSeconds(60))).isTrue();
        assertThat(later.firstUse("https://a", "j2", now.plusSeconds(180))).isTrue();
        assertThat(later.firstUse("https://a", "j2", now.plusSeconds(180))).isFalse();
    }

    @Test
    void expiredRowsArePurgedAndLiveOnesKept() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        JdbcTemplate database = ReplayDatabase.fresh();
        ReplayStore store = new ReplayStore(database, Clock.fixed(now, ZoneOffset.UTC));
        store.firstUse("https://a", "old", now.minusSeconds(1));
        store.firstUse("https://a", "live", now.plusSeconds(60));
        assertThat(store.purgeExpired()).isEqualTo(1);
        assertThat(database.queryForList("SELECT jti FROM jti_replay", String.class)).containsExactly("live");
        assertThat(store.firstUse("https://a", "live", now.plusSeconds(60))).isFalse();
    }
}
