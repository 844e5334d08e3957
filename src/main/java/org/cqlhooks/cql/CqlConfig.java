package org.cqlhooks.cql;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The content beans, both from the one {@link ContentLoader}, which loads them side by side from the start of the
 * application ({@link ContentPreload} registers it before the context is built).
 */
@Configuration(proxyBeanMethods = false)
class CqlConfig {

    @Bean
    CqlLibraries cqlLibraries(ContentLoader loader) {
        return loader.libraries();
    }

    @Bean
    ValueSetTerminology valueSetTerminology(ContentLoader loader) {
        return loader.terminology();
    }
}
