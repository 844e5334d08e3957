package org.cqlhooks.testing;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.cqlhooks.trust.JwksLoader;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The server of a production site, shared by the trust tests: trusted clients configured (three EHRs with keys
 * generated here, the CDS Hooks sandbox with its keys pinned from a copy while its JWTs name its https jku, and an EHR
 * that calls the operations endpoints), its own patient-hash key and the governance committee's operator credential, on Kubernetes behind proxies
 * whose forwarded headers must never count, the connectathon kit turned on for this machine, and the clock fixed ten
 * seconds after the sandbox issued its captured token. Test classes annotated {@link Test} share one Spring context;
 * each signs its tokens (and dates its feedback) at {@link #NOW}, and each EHR's key fetches are counted apart.
 */
public final class TrustedClients {

    public static final String EHR_A = "https://ehr-a.example.org";
    public static final String EHR_B = "https://ehr-b.example.org";
    public static final String EHR_C = "https://ehr-c.example.org";
    /** The EHR of the operations tests (actuator from another machine). */
    public static final String EHR_OPS = "https://ehr-ops.example.org";
    public static final String SANDBOX = "https://sandbox.cds-hooks.org";
    public static final String SANDBOX_JWKS = "https://sandbox.cds-hooks.org/.well-known/jwks.json";
    public static final String SANDBOX_PINNED = "classpath:fixtures/sandbox/jwks.json";
    /** The operator of /analytics (HTTP Basic) and the password whose hash the site configured. */
    public static final String OPERATOR = "committee";
    public static final String OPERATOR_PASSWORD = "correct horse battery staple";
    /** The site's key of the patient hash in the governance record. */
    public static final String PATIENT_KEY = "a-site-secret-of-at-least-32-bytes-0123456789";
    /** Ten seconds after the sandbox issued its captured token: the server's clock. */
    public static final Instant NOW = Instant.ofEpochSecond(1795459464L + 10);

    public static final ECKey A_EC = TestKeys.ec("a-ec");
    public static final RSAKey A_RSA = TestKeys.rsa("a-rsa");
    public static final ECKey B_EC = TestKeys.ec("b-ec");
    public static final ECKey C_1 = TestKeys.ec("c-1");
    public static final ECKey C_2 = TestKeys.ec("c-2");
    public static final ECKey OPS = TestKeys.ec("ops-1");

    private TrustedClients() {
    }

    /** A test class of the production site (see {@link TrustedClients}). */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cds.security.clients[0].issuer=" + EHR_A,
        "cds.security.clients[0].jwks=" + EHR_A + "/jwks.json",
        "cds.security.clients[1].issuer=" + EHR_B,
        "cds.security.clients[1].jwks=" + EHR_B + "/jwks.json",
        "cds.security.clients[2].issuer=" + EHR_C,
        "cds.security.clients[2].jwks=" + EHR_C + "/jwks.json",
        "cds.security.clients[3].issuer=" + SANDBOX,
        // The sandbox's keys pinned from a copy (out-of-band exchange) while its JWTs name its https jku.
        "cds.security.clients[3].jwks=" + SANDBOX_PINNED,
        "cds.security.clients[3].jku[0]=" + SANDBOX_JWKS,
        "cds.security.clients[4].issuer=" + EHR_OPS,
        "cds.security.clients[4].jwks=" + EHR_OPS + "/jwks.json",
        "cds.governance.patient-key=" + PATIENT_KEY,
        "cds.operator.username=" + OPERATOR,
        // The DelegatingPasswordEncoder hash of OPERATOR_PASSWORD (the form the start-up requires).
        "cds.operator.password={bcrypt}$2a$10$eTlX7NJXH2adIxNgGPMwZ.cqFQa6gFf9QgebcNe8g3CbWQ2/vbTQ6",
        "spring.main.cloud-platform=kubernetes", "server.tomcat.remoteip.internal-proxies=.*",
        "cds.demo.enabled=true"})
    @AutoConfigureMockMvc
    @Import(Fixed.class)
    public @interface Test {
    }

    /** Serves the clients' JWK Sets (the sandbox's from the copied fixture) and counts the fetches. */
    public static class ServedKeys extends JwksLoader {
        public final Map<String, String> sets = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();

        ServedKeys() {
            super(new DefaultResourceLoader());
            sets.put(EHR_A + "/jwks.json", TestKeys.publicSet(A_EC, A_RSA));
            sets.put(EHR_B + "/jwks.json", TestKeys.publicSet(B_EC));
            sets.put(EHR_C + "/jwks.json", TestKeys.publicSet(C_1));
            sets.put(EHR_OPS + "/jwks.json", TestKeys.publicSet(OPS));
            try (InputStream in = TrustedClients.class.getResourceAsStream("/fixtures/sandbox/jwks.json")) {
                sets.put(SANDBOX_JWKS, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String load(String location) throws IOException {
            fetches.computeIfAbsent(location, l -> new AtomicInteger()).incrementAndGet();
            // Pinned (classpath:) sets are read as the server reads them; web locations are served from memory.
            return location.startsWith("classpath:") ? super.load(location) : sets.get(location);
        }

        public int fetches(String location) {
            return fetches.getOrDefault(location, new AtomicInteger()).get();
        }
    }

    @TestConfiguration
    static class Fixed {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        @Primary
        ServedKeys servedKeys() {
            return new ServedKeys();
        }
    }
}
