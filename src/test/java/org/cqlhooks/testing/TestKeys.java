package org.cqlhooks.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.cqlhooks.trust.JwksLoader;

/** Keys generated per test run, and JWTs signed with them the way a CDS client signs its calls. */
public final class TestKeys {

    private TestKeys() {
    }

    public static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK Set a client publishes. */
    /** A key loader that serves these public keys for every location, in place of fetching a JWK Set. */
    public static JwksLoader servingOnly(JWK... keys) {
        return new JwksLoader(new org.springframework.core.io.DefaultResourceLoader()) {
            @Override
            public String load(String location) {
                return publicSet(keys);
            }
        };
    }

    public static String publicSet(JWK... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    /** Valid claims for a call to {@code aud} at {@code now}: 5 minutes lifetime, fresh jti. */
    public static JWTClaimsSet.Builder claims(String iss, String aud, Instant now) {
        return new JWTClaimsSet.Builder().issuer(iss).audience(aud).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
    }

    public static String sign(JWK key, JWTClaimsSet claims) {
        return sign(key, claims, h -> h);
    }

    /** Signs with ES384 (EC keys) or RS384 (RSA keys), typ JWT and the key's kid; {@code header} may change it. */
    public static String sign(JWK key, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) {
        try {
            boolean ec = key instanceof ECKey;
            JWSSigner signer = ec ? new ECDSASigner((ECKey) key) : new RSASSASigner((RSAKey) key);
            JWSHeader.Builder builder = new JWSHeader.Builder(ec ? JWSAlgorithm.ES384 : JWSAlgorithm.RS384)
                    .type(JOSEObjectType.JWT).keyID(key.getKeyID());
            SignedJWT jwt = new SignedJWT(header.apply(builder).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static URI uri(String text) {
        return URI.create(text);
    }
}
