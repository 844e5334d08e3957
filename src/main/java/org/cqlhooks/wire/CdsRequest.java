package org.cqlhooks.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;

/**
 * A checked 2.0.1 service request.
 *
 * @param fhirServer the client's FHIR base URL, or null
 * @param fhirAuthorization the bearer token for it, or null
 * @param contextValues the root-level primitive context fields as text (what prefetch tokens can use)
 * @param prefetch the prefetch object, or null when the request has none: the values of the keys the service asks
 *     for, searchset Bundles without the entries no rule of the service reads
 * @param skippedResources how many prefetch entries were left out of it for that reason
 */
public record CdsRequest(String hook, String hookInstance, URI fhirServer, FhirAuthorization fhirAuthorization,
        Map<String, String> contextValues, ObjectNode prefetch, int skippedResources) {

    public String patientId() {
        return contextValues.get("patientId");
    }

    /** Identifies the call without patient data or the token, for logs. */
    @Override
    public String toString() {
        return "CdsRequest[hook=" + hook + ", hookInstance=" + hookInstance + "]";
    }

    public String accessToken() {
        return fhirAuthorization == null ? null : fhirAuthorization.accessToken();
    }
}
