package org.cqlhooks.prefetch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the server fetches what prefetch did not provide from the EHR's FHIR server.
 *
 * @param connectTimeout time to open a connection
 * @param readTimeout time to wait for one response
 * @param deadline the most one service call may spend fetching, over all queries and pages
 * @param maxPages pages followed per query before the data counts as unobtainable: a guard against a server whose
 *     next links never end (a patient with 5,000 results in pages of 20 needs 250); the deadline and
 *     {@code maxResources} bound the rest
 * @param maxResources resources accepted per call (prefetch and fetched together)
 * @param maxResponseSize the largest single answer read from the FHIR server (the data counts as unobtainable above)
 * @param workerThreads threads that handle FHIR answers for all calls together (bounds the work fetching can cause)
 */
@ConfigurationProperties("cds.fhir-client")
public record FhirClientProperties(
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("4s") Duration readTimeout,
        @DefaultValue("5s") Duration deadline,
        @DefaultValue("1000") int maxPages,
        @DefaultValue("20000") int maxResources,
        @DefaultValue("20MB") DataSize maxResponseSize,
        @DefaultValue("8") int workerThreads) {
}
