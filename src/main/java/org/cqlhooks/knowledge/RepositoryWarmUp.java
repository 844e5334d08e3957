package org.cqlhooks.knowledge;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.opencds.cqf.fhir.utility.repository.InMemoryFhirRepository;
import org.opencds.cqf.fhir.utility.search.Searches;

/**
 * The reference library's in-memory repository adds a (plain HashMap) entry per resource type the first time a
 * type is read or searched. The packages' repository is shared by concurrent calls, so every type is touched once
 * here, single-threaded, and later calls only read.
 */
final class RepositoryWarmUp {

    private RepositoryWarmUp() {
    }

    static void prepare(InMemoryFhirRepository repository) {
        var fhir = repository.fhirContext();
        for (String type : fhir.getResourceTypes()) {
            Class<? extends IBaseResource> clazz = fhir.getResourceDefinition(type).getImplementingClass();
            repository.search(Bundle.class, clazz, Searches.ALL);
        }
    }
}
