package org.cqlhooks.knowledge;

import ca.uhn.fhir.context.FhirContext;
import org.cqlhooks.cql.CqlParameters;
import org.cqlhooks.cql.ValueSetTerminology;
import org.cqlhooks.content.ContentProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;

/** The content packages of {@code cds.content.packages}, loaded at start-up (nothing to load by default). */
@Configuration(proxyBeanMethods = false)
class KnowledgeConfig {

    @Bean
    ContentPackages contentPackages(PackageProperties packages, ContentProperties content,
            ValueSetTerminology terminology, CqlParameters parameters, FhirContext fhir,
            ResourcePatternResolver resolver) {
        return ContentPackages.load(new ContentPackages.Inputs(packages.packages(), content.cql(), terminology,
                parameters.values(), fhir, resolver));
    }
}
