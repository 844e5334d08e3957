package org.cqlhooks.trust;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the server and how their JWTs are checked (2.0.1 "Trusting CDS Clients"), CORS, and which
 * FHIR servers the server will talk to.
 *
 * @param clients trusted CDS clients; empty means development mode (loopback callers only, no JWT)
 * @param audience the external base URL ({@code https://cds.example.org}) the {@code aud} check expects; when
 *     unset, the URL of the request as received
 * @param clockSkew tolerance for {@code exp} and {@code iat}
 * @param maxTokenLifetime the longest {@code exp - iat} accepted (also bounds how long a jti is recorded)
 * @param jwksCacheTtl how long a fetched JWK Set is used before it is fetched again
 * @param jwksMinRefetchInterval at most one extra fetch (an unknown {@code kid}) per interval and client
 * @param replayPurgeInterval how often the rows of expired tokens are deleted from the jti replay record
 * @param operations who may use {@code /actuator/*} besides health
 */
@ConfigurationProperties("cds.security")
public record SecurityProperties(
        @DefaultValue List<TrustedClient> clients,
        String audience,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("1h") Duration maxTokenLifetime,
        @DefaultValue("5m") Duration jwksCacheTtl,
        @DefaultValue("30s") Duration jwksMinRefetchInterval,
        @DefaultValue Cors cors,
        @DefaultValue FhirServer fhirServer,
        @DefaultValue("10m") Duration replayPurgeInterval,
        @DefaultValue Operations operations) {

    public boolean developmentMode() {
        return clients.isEmpty();
    }

    /**
     * CORS for browser-based CDS clients (2.0.1 "Cross-Origin Resource Sharing").
     *
     * @param allowedOrigins origins allowed to call; {@code *} for any (no cookies are used: every call carries
     *     its own JWT)
     * @param maxAge how long a browser may cache a preflight answer
     */
    public record Cors(@DefaultValue("*") List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {
    }

    /**
     * @param blockedAddresses addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) that fhirServer must
     *     never resolve to, on top of link-local and cloud metadata addresses, which are always refused
     */
    public record FhirServer(@DefaultValue List<String> blockedAddresses) {
    }

    /**
     * @param allowedAddresses addresses or CIDR ranges (a Prometheus server, the cluster's pod network) that may
     *     use {@code /actuator/*} (metrics, prometheus, info) besides this machine; health is open to everyone
     */
    public record Operations(@DefaultValue List<String> allowedAddresses) {
    }
}
