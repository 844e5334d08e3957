package org.cqlhooks.prefetch;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Reading the resources out of a Bundle. */
final class Bundles {

    private Bundles() {
    }

    /** Adds the entries' resources, leaving out OperationOutcomes (search warnings, not patient data). */
    static void addEntries(Bundle bundle, List<IBaseResource> into) {
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.hasResource() && !(entry.getResource() instanceof OperationOutcome)) {
                into.add(entry.getResource());
            }
        }
    }
}
