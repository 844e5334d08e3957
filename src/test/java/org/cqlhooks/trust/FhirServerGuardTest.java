package org.cqlhooks.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the server will send an EHR's token: the SSRF rules, without the network (IP literals only). */
class FhirServerGuardTest {

    private final FhirServerGuard guard = new FhirServerGuard(new SecurityProperties(List.of(), null,
            Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofSeconds(30),
            new SecurityProperties.Cors(List.of("*"), Duration.ofHours(1)),
            new SecurityProperties.FhirServer(List.of("10.0.0.0/8", "fd00::/8", "192.0.2.7")),
            Duration.ofMinutes(10), new SecurityProperties.Operations(List.of())));

    private static final TrustedClient CLIENT = new TrustedClient("https://ehr.example.org",
            "https://ehr.example.org/jwks.json", List.of("https://fhir.example.org/r4", "http://127.0.0.1:8089/fhir"));

    @ParameterizedTest
    @ValueSource(strings = {
            "https://169.254.169.254/latest/meta-data", // cloud metadata (link-local)
            "https://169.254.10.20/fhir",                // link-local
            "https://[fe80::1]/fhir",                     // IPv6 link-local
            "https://[fd00:ec2::254]/fhir",               // AWS IPv6 metadata
            "https://0.0.0.0/fhir",                       // unspecified
            "https://10.20.30.40/fhir",                   // blocked by configuration (CIDR)
            "https://192.0.2.7/fhir",                     // blocked by configuration (single address)
            "http://203.0.113.5/fhir",                    // plain http to another host
            "https://user:secret@127.0.0.1/fhir",         // credentials in the URL
            "ftp://127.0.0.1/fhir"})
    void refused(String url) {
        assertThatThrownBy(() -> guard.check(URI.create(url), null))
                .isInstanceOfSatisfying(CdsException.class, e -> {
                    assertThat(e.error()).isEqualTo(CdsError.FHIR_SERVER_REFUSED);
                    assertThat(e.error().status()).isEqualTo(412);
                    assertThat(e.field()).isEqualTo("fhirServer");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8089/fhir", "http://localhost:8089/fhir", "https://203.0.113.5/fhir",
            "https://[::1]/fhir"})
    void allowedInDevelopmentMode(String url) {
        assertThatCode(() -> guard.check(URI.create(url), null)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://203.0.113.5/fhir", "https://fhir.example.org.evil.test/r4",
            "https://fhir.example.org/r4x", "http://127.0.0.1:8090/fhir"})
    void aClientMayOnlyNameItsOwnFhirServers(String url) {
        assertThatThrownBy(() -> guard.check(URI.create(url), CLIENT))
                .isInstanceOfSatisfying(CdsException.class, e -> assertThat(e.getMessage())
                        .contains("not one of the FHIR servers configured"));
    }

    @CsvSource({
            "https://fhir.example.org/r4, true",
            "https://fhir.example.org/r4/, true",
            "https://FHIR.example.org/r4/tenant-7, true",
            "https://fhir.example.org:443/r4, true",
            "https://fhir.example.org/r4x, false",
            "https://fhir.example.org.evil.test/r4, false",
            "http://fhir.example.org/r4, false",
            "https://fhir.example.org:8443/r4, false",
            "https://fhir.example.org/r4/../admin, false",
            "https://fhir.example.org/r4/%2e%2e/admin, false"})
    @ParameterizedTest
    void prefixesMatchWholePathSegmentsOnTheSameOrigin(String url, boolean within) {
        assertThat(FhirServerGuard.within(URI.create(url), "https://fhir.example.org/r4")).isEqualTo(within);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8089/fhir", "http://127.0.0.1:8089/fhir/"})
    void aClientsOwnServerIsAllowed(String url) {
        assertThatCode(() -> guard.check(URI.create(url), CLIENT)).doesNotThrowAnyException();
    }
}
