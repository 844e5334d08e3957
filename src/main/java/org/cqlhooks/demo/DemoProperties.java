package org.cqlhooks.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The connectathon kit: an embedded FHIR server at {@code /fhir} holding the sample patients, and the EHR-view page
 * at {@code /}.
 *
 * @param enabled on or off; unset means on in development mode (no trusted clients) and off otherwise
 * @param patients folder of sample patient Bundles ({@code classpath:} or {@code file:})
 * @param defaultPageSize entries per searchset page when the search names no {@code _count}
 * @param maxPageSize the largest {@code _count} honoured
 */
@ConfigurationProperties("cds.demo")
public record DemoProperties(
        Boolean enabled,
        @DefaultValue("classpath:content/patients/") String patients,
        @DefaultValue("50") int defaultPageSize,
        @DefaultValue("500") int maxPageSize) {
}
