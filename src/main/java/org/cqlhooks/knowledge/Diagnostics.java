package org.cqlhooks.knowledge;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * What {@code $apply} reports instead of throwing: a failing condition, dynamic value or definition leaves its
 * message in an OperationOutcome contained in the result, and the action simply does not apply.
 */
final class Diagnostics {

    private Diagnostics() {
    }

    /** The messages of the result's OperationOutcomes (they may quote patient data: never log them on a call). */
    static List<String> issues(DomainResource result) {
        List<String> issues = new ArrayList<>();
        collect(result, issues);
        return issues;
    }

    private static void collect(DomainResource resource, List<String> into) {
        for (Resource contained : resource.getContained()) {
            if (contained instanceof OperationOutcome outcome) {
                outcome.getIssue().forEach(i -> into.add(i.getDiagnostics()));
            } else if (contained instanceof DomainResource inner) {
                collect(inner, into);
            }
        }
    }
}
