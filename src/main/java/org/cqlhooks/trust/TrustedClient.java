package org.cqlhooks.trust;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * A CDS client (EHR) this server trusts: 2.0.1 "Trusting CDS Clients" asks services to keep an allowlist of
 * {@code iss} and {@code jku}.
 *
 * @param issuer the {@code iss} its JWTs carry
 * @param jwks where its public keys are read from ({@code https:}, {@code file:} or {@code classpath:}); keys are
 *     only ever read from here, whatever a JWT's {@code jku} says
 * @param jku the {@code jku} values its JWTs may carry (a JWT without one is fine); by default its {@code jwks} when
 *     that is an https URL, else none. A site that pins a client's keys from a file (out-of-band key exchange) lists
 *     the URL the client names here, as for the CDS Hooks sandbox
 * @param fhirServers the {@code fhirServer} values it may send (a prefix of whole path segments)
 */
public record TrustedClient(String issuer, String jwks, List<String> jku, List<String> fhirServers) {

    @ConstructorBinding
    public TrustedClient {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("cds.security.clients[].issuer is required");
        }
        if (jwks == null || jwks.isBlank()) {
            throw new IllegalArgumentException("cds.security.clients[].jwks is required (issuer " + issuer + ")");
        }
        if (jku == null || jku.isEmpty()) {
            jku = jwks.toLowerCase(java.util.Locale.ROOT).startsWith("https:") ? List.of(jwks) : List.of();
        }
        for (String url : jku) {
            if (!isJku(url)) {
                throw new IllegalArgumentException("cds.security.clients[].jku must list https URLs (issuer "
                        + issuer + ")");
            }
        }
        jku = List.copyOf(jku);
        fhirServers = fhirServers == null ? List.of() : List.copyOf(fhirServers);
    }

    /** A client whose JWTs may name its {@code jwks} as {@code jku} (when that is https), and nothing else. */
    public TrustedClient(String issuer, String jwks, List<String> fhirServers) {
        this(issuer, jwks, null, fhirServers);
    }

    /** Whether a JWT's {@code jku} is one this client's tokens may carry. */
    public boolean allowsJku(String url) {
        return jku.contains(url);
    }

    private static boolean isJku(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme())
                    || ("http".equalsIgnoreCase(uri.getScheme()) && Addresses.isLoopbackName(uri.getHost())));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Only the issuer: the principal's name in logs. */
    @Override
    public String toString() {
        return issuer;
    }
}
