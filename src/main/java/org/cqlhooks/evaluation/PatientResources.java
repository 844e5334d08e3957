package org.cqlhooks.evaluation;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One patient's data for an evaluation: the patient's id (the CQL context) and the FHIR resources the rules may
 * read, however they were gathered (a request's prefetch and fetches, a file, a test fixture).
 */
public record PatientResources(String patientId, List<IBaseResource> resources) {
}
