package org.cqlhooks.prefetch;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The resources one call evaluates over, from prefetch and from the FHIR server.
 *
 * @param prefetched the prefetch keys whose data the request provided
 * @param fetched the prefetch keys whose data was fetched from the FHIR server (wholly or its further pages)
 * @param fhirCalls HTTP requests made to the FHIR server for this call (0 when prefetch covered everything)
 */
public record PatientData(String patientId, List<IBaseResource> resources, List<String> prefetched,
        List<String> fetched, int fhirCalls) {
}
