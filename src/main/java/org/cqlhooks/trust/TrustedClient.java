package org.cqlhooks.trust;

import java.util.List;

/**
 * A CDS client (EHR) this server trusts: 2.0.1 "Trusting CDS Clients" asks services to keep an allowlist of
 * {@code iss} and {@code jku}.
 *
 * @param issuer the {@code iss} its JWTs carry
 * @param jwks where its JWK Set is ({@code https:}, {@code file:} or {@code classpath:}); a JWT's {@code jku}, when
 *     present, must be exactly this
 * @param fhirServers the {@code fhirServer} values it may send (a prefix of whole path segments)
 */
public record TrustedClient(String issuer, String jwks, List<String> fhirServers) {

    public TrustedClient {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("cds.security.clients[].issuer is required");
        }
        if (jwks == null || jwks.isBlank()) {
            throw new IllegalArgumentException("cds.security.clients[].jwks is required (issuer " + issuer + ")");
        }
        fhirServers = fhirServers == null ? List.of() : List.copyOf(fhirServers);
    }

    /** Only the issuer: the principal's name in logs. */
    @Override
    public String toString() {
        return issuer;
    }
}
