package org.cqlhooks.cql;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One evaluation: which definitions of which libraries, for which patient, over which resources, at what time.
 *
 * @param definitions library name to the names of the definitions to evaluate
 */
public record Evaluation(Map<String, Set<String>> definitions, String patientId, List<IBaseResource> resources,
        ZonedDateTime evaluatedAt) {
}
