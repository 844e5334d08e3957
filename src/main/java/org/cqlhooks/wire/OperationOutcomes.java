package org.cqlhooks.wire;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * Error bodies as a FHIR OperationOutcome (the form the CDS Hooks 3.0 ballot adopts), serialised with HAPI.
 */
@Component
public class OperationOutcomes {

    private final FhirContext fhirContext;

    public OperationOutcomes(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    public String json(CdsError error, String message, String field) {
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(error == CdsError.INTERNAL ? IssueSeverity.FATAL : IssueSeverity.ERROR)
                .setCode(IssueType.fromCode(error.issueType()))
                .setDiagnostics(message);
        if (field != null) {
            issue.addExpression(field);
        }
        return fhirContext.newJsonParser().encodeResourceToString(outcome);
    }
}
