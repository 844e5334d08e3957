package org.cqlhooks.cql;

import ca.uhn.fhir.context.FhirContext;
import org.cqlhooks.content.ContentProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;

/** The content beans, both from the one {@link ContentLoader}, which loads them side by side. */
@Configuration(proxyBeanMethods = false)
class CqlConfig {

    @Bean
    ContentLoader contentLoader(ContentProperties content, ResourcePatternResolver resolver, FhirContext fhir) {
        return new ContentLoader(content, resolver, fhir);
    }

    @Bean
    CqlLibraries cqlLibraries(ContentLoader loader) {
        return loader.libraries();
    }

    @Bean
    ValueSetTerminology valueSetTerminology(ContentLoader loader) {
        return loader.terminology();
    }
}
