package org.cqlhooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FhirConfig {

    @Bean
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4Cached();
        // EHR data is often slightly off-profile (unknown elements, odd extensions): read what we can, never log it.
        context.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
        return context;
    }

    /** The evaluation clock: "now" for lookbacks. Tests replace it with a fixed clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
