package org.cqlhooks.trust;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DataAccessException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Checks a CDS client's JWT as 2.0.1 "Trusting CDS Clients" asks. Signature and {@code exp} go through Spring's
 * {@link NimbusJwtDecoder}, one per client with its own keys; the CDS Hooks rules are checked here: {@code typ} JWT,
 * {@code kid} present, an asymmetric {@code alg} (never {@code none}, never HMAC), {@code jku} one the client is
 * configured with (keys are read from its configured {@code jwks} only), {@code iss} a trusted client, {@code aud}
 * the endpoint called, {@code iat} not in the future, a bounded lifetime, and {@code jti} used once across every
 * replica ({@link ReplayStore}).
 *
 * <p>Refusals carry a short reason only; which value was wrong is not told to the caller.
 */
final class ClientTokenVerifier {

    /** The asymmetric JWS algorithms (RFC 7518); ES384 and RS384 are the ones 2.0.1 recommends. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    private final Map<String, Verifier> byIssuer = new LinkedHashMap<>();
    private final ReplayStore replays;
    private final Duration clockSkew;

    /** A client and the decoder that holds its keys. */
    private record Verifier(TrustedClient client, NimbusJwtDecoder decoder) {
    }

    ClientTokenVerifier(SecurityProperties settings, JwksLoader loader, ReplayStore replays, Clock clock) {
        this.replays = replays;
        this.clockSkew = settings.clockSkew();
        for (TrustedClient client : settings.clients()) {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS,
                    ClientKeys.of(client, loader, settings)));
            // Claims are checked below with the application clock, not Nimbus' own.
            processor.setJWTClaimsSetVerifier((claims, context) -> {
            });
            NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
            // All time claims are checked by one validator, so that a refusal says which rule the token broke.
            decoder.setJwtValidator(new TimeClaimsValidator(clock, settings.clockSkew(), settings.maxTokenLifetime()));
            byIssuer.put(client.issuer(), new Verifier(client, decoder));
        }
    }

    /** The client that signed the token, or a refusal naming a short reason. */
    TrustedClient verify(String token, String expectedAudience) {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException e) {
            throw refused("malformed token");
        }
        if (!(parsed instanceof SignedJWT signed)) {
            throw refused("the token must be signed with an asymmetric algorithm");
        }
        JWSHeader header = signed.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw refused("the token must be signed with an asymmetric algorithm");
        }
        if (!JOSEObjectType.JWT.equals(header.getType())) {
            throw refused("typ must be JWT");
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            throw refused("kid is required");
        }
        String issuer;
        try {
            JWTClaimsSet claims = signed.getJWTClaimsSet();
            issuer = claims.getIssuer();
            // Spring cannot even represent such a token (it would read as a bad signature): say what is wrong.
            if (claims.getIssueTime() != null && claims.getExpirationTime() != null
                    && !claims.getExpirationTime().after(claims.getIssueTime())) {
                throw refused("exp is not after iat");
            }
        } catch (ParseException e) {
            throw refused("malformed token");
        }
        Verifier verifier = issuer == null ? null : byIssuer.get(issuer);
        if (verifier == null) {
            throw refused("untrusted issuer");
        }
        if (header.getJWKURL() != null && !verifier.client().allowsJku(header.getJWKURL().toString())) {
            // Keys come from the configured jwks only; a jku the client is not known to use is refused outright.
            throw refused("untrusted jku (not in this client's cds.security.clients[n].jku)");
        }
        Jwt jwt;
        try {
            jwt = verifier.decoder().decode(token);
        } catch (JwtValidationException e) {
            throw refused(e.getErrors().stream().map(OAuth2Error::getDescription).filter(d -> d != null)
                    .findFirst().orElse("token expired or not yet valid"));
        } catch (JwtException e) {
            throw refused("signature not verified");
        }
        if (jwt.getAudience() == null || !jwt.getAudience().contains(expectedAudience)) {
            throw refused("aud is not this endpoint");
        }
        if (jwt.getId() == null || jwt.getId().isBlank()) {
            throw refused("jti is required");
        }
        if (jwt.getId().length() > ReplayStore.MAX_JTI_LENGTH) {
            throw refused("jti too long");
        }
        boolean firstUse;
        try {
            firstUse = replays.firstUse(issuer, jwt.getId(), jwt.getExpiresAt().plus(clockSkew));
        } catch (DataAccessException e) {
            throw new ReplayRecordUnavailable(e);
        }
        if (!firstUse) {
            throw refused("token already used");
        }
        return verifier.client();
    }

    private static InvalidBearerTokenException refused(String reason) {
        return new InvalidBearerTokenException(reason);
    }

    /**
     * 2.0.1: exp and iat are REQUIRED. The token must expire after it was issued, live no longer than the maximum,
     * not be issued (iat) or valid from (nbf) in the future, and not have expired, each with the clock skew allowed.
     * Each refusal names the rule, never the claim's value.
     */
    private record TimeClaimsValidator(Clock clock, Duration skew, Duration maxLifetime)
            implements OAuth2TokenValidator<Jwt> {

        @Override
        public OAuth2TokenValidatorResult validate(Jwt jwt) {
            Instant issued = jwt.getIssuedAt();
            Instant expires = jwt.getExpiresAt();
            Instant now = clock.instant();
            if (issued == null || expires == null) {
                return failure("iat and exp are required");
            }
            if (!expires.isAfter(issued)) {
                return failure("exp is not after iat");
            }
            if (Duration.between(issued, expires).compareTo(maxLifetime) > 0) {
                return failure("token lifetime (exp - iat) is over the maximum of " + maxLifetime.toSeconds()
                        + " s (cds.security.max-token-lifetime)");
            }
            if (issued.isAfter(now.plus(skew))) {
                return failure("iat is in the future (token not yet valid)");
            }
            if (jwt.getNotBefore() != null && jwt.getNotBefore().isAfter(now.plus(skew))) {
                return failure("nbf is in the future (token not yet valid)");
            }
            if (expires.isBefore(now.minus(skew))) {
                return failure("token expired (exp is in the past)");
            }
            return OAuth2TokenValidatorResult.success();
        }

        private static OAuth2TokenValidatorResult failure(String reason) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", reason, null));
        }
    }
}
