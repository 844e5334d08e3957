package org.cqlhooks.testing;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import org.cqlhooks.trust.JwksLoader;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server with one trusted EHR and its FHIR server (a stub on this machine), as a site runs it in production. The
 * EHR's {@code fhir-servers} also list a link-local metadata address, a careless configuration the guard must still
 * refuse. Test classes extending this one share one Spring context.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TrustedEhrTest.Keys.class)
public abstract class TrustedEhrTest {

    public static final String EHR = "https://ehr.example.org";
    public static final ECKey KEY = TestKeys.ec("ehr-1");
    /** The EHR's FHIR server, for the whole run: the cached context names its URL. */
    public static final StubFhirServer EHR_FHIR = StubFhirServer.shared();

    @DynamicPropertySource
    static void client(DynamicPropertyRegistry registry) {
        // A list binds from one property source: the whole client is given here.
        registry.add("cds.security.clients[0].issuer", () -> EHR);
        registry.add("cds.security.clients[0].jwks", () -> EHR + "/jwks.json");
        registry.add("cds.security.clients[0].fhir-servers[0]", EHR_FHIR::url);
        registry.add("cds.security.clients[0].fhir-servers[1]", () -> "https://169.254.169.254/");
    }

    /** A JWT of the EHR for a call to {@code aud}, issued now. */
    public static String jwt(String aud) {
        return TestKeys.sign(KEY, TestKeys.claims(EHR, aud, Instant.now()).build());
    }

    @TestConfiguration
    static class Keys {
        @Bean
        @Primary
        JwksLoader ehrKeys() {
            return TestKeys.servingOnly(KEY);
        }
    }
}
