package org.cqlhooks.trust;

import org.mockito.Mockito;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The trust rules for the web slice: the server's own security chains (CDS endpoints, operator pages), in
 * development mode as the slice runs, so a caller on another machine gets the real 401 and 403 bodies.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({SecurityConfig.class, OperatorSecurityConfig.class, JwksLoader.class})
@EnableConfigurationProperties({SecurityProperties.class, OperatorProperties.class})
public class TrustLayer {

    /** Development mode verifies no JWT, so the jti replay record (a database table) is never asked. */
    @Bean
    ReplayStore unusedReplayStore() {
        return Mockito.mock(ReplayStore.class);
    }
}
