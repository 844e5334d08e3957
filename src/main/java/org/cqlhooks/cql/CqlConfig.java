package org.cqlhooks.cql;

import org.cqlhooks.content.ContentProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The content beans; both are usually already loading since the configuration was read (see CqlPreload). */
@Configuration(proxyBeanMethods = false)
class CqlConfig {

    @Bean
    CqlLibraries cqlLibraries(ContentProperties content) {
        return CqlPreload.libraries(content);
    }

    @Bean
    ValueSetTerminology valueSetTerminology(ContentProperties content) {
        return CqlPreload.terminology(content);
    }
}
