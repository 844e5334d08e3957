package org.cqlhooks.trust;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.text.ParseException;

/**
 * One client's public keys, through Nimbus: cached for {@code jwks-cache-ttl}; an unknown {@code kid} (key
 * rotation) refetches, rate-limited to {@code jwks-min-refetch-interval}, so a flood of unknown kids costs one fetch.
 */
final class ClientKeys {

    private ClientKeys() {
    }

    static JWKSource<SecurityContext> of(TrustedClient client, JwksLoader loader, SecurityProperties settings) {
        long ttl = settings.jwksCacheTtl().toMillis();
        return JWKSourceBuilder.create(new Location(client.jwks(), loader))
                .cache(ttl, Math.min(ttl, 15_000))
                .refreshAheadCache(false)
                .rateLimited(settings.jwksMinRefetchInterval().toMillis())
                .retrying(false)
                .outageTolerant(false)
                .build();
    }

    /** Reads the set from the configured location each time the cache asks. */
    private record Location(String location, JwksLoader loader) implements JWKSetSource<SecurityContext> {

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long currentTime, SecurityContext context)
                throws KeySourceException {
            try {
                return JWKSet.parse(loader.load(location));
            } catch (IOException | ParseException e) {
                throw new KeySourceException("The JWK Set at " + location + " could not be read", e);
            }
        }

        @Override
        public void close() {
        }
    }
}
