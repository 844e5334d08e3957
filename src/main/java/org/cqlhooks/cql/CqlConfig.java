package org.cqlhooks.cql;

import org.cqlhooks.system.ContentProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CqlConfig {

    /** Translated at start-up; usually already under way since the configuration was read (see CqlPreload). */
    @Bean
    CqlLibraries cqlLibraries(ContentProperties content) {
        return CqlPreload.libraries(content);
    }
}
