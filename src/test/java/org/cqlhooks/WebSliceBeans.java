package org.cqlhooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.demo.DemoLayer;
import org.cqlhooks.invocation.LimitProperties;
import org.cqlhooks.testing.TestContent;
import org.cqlhooks.trust.TrustLayer;
import org.cqlhooks.web.DiscoveryProperties;
import org.cqlhooks.wire.OperationOutcomes;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What the web slice takes from the rest of the server besides the controllers, the error handling and the HTTP
 * filters that {@code @WebMvcTest} finds itself: the FHIR context and clock, the OperationOutcome writer, the trust
 * rules, the settings those read (a slice does not scan for them), a meter registry for the filters' metrics, and the
 * bundled content (loaded once per test JVM without a Spring context; discovery lists its services).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({FhirConfig.class, OperationOutcomes.class, TrustLayer.class, DemoLayer.class})
@EnableConfigurationProperties({LimitProperties.class, DiscoveryProperties.class})
public class WebSliceBeans {

    @Bean
    MeterRegistry meters() {
        return new SimpleMeterRegistry();
    }

    @Bean
    LiveContent content() {
        return TestContent.live();
    }
}
