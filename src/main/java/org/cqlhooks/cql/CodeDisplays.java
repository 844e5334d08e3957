package org.cqlhooks.cql;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Type;

/**
 * A coded medication, test, result or condition sent without a {@code display} is named on cards by the display the
 * bundled ValueSets and CodeSystems give its code, so a clinician reads "oxycodone", never a bare RxCUI, when the name
 * is known. Only the codings cards show are filled, and only where the record has no display of its own. The
 * resources belong to one call (the request's own copies), so filling them in place is safe. Content packages'
 * PlanDefinitions see the records filled the same way.
 */
public final class CodeDisplays {

    private CodeDisplays() {
    }

    public static void fill(List<IBaseResource> resources, ValueSetTerminology terminology) {
        for (IBaseResource r : resources) {
            if (r instanceof Observation o) {
                concept(o.getCode(), terminology);
                if (o.getValue() instanceof CodeableConcept value) {
                    concept(value, terminology);
                }
            } else if (r instanceof Condition c) {
                concept(c.getCode(), terminology);
            } else if (r instanceof MedicationRequest m) {
                medication(m.getMedication(), terminology);
            } else if (r instanceof MedicationStatement m) {
                medication(m.getMedication(), terminology);
            } else if (r instanceof MedicationDispense m) {
                medication(m.getMedication(), terminology);
            } else if (r instanceof MedicationAdministration m) {
                medication(m.getMedication(), terminology);
            }
        }
    }

    private static void medication(Type medication, ValueSetTerminology terminology) {
        if (medication instanceof CodeableConcept concept) {
            concept(concept, terminology);
        }
    }

    private static void concept(CodeableConcept concept, ValueSetTerminology terminology) {
        if (concept == null) {
            return;
        }
        for (Coding coding : concept.getCoding()) {
            if (!coding.hasDisplay() && coding.hasSystem() && coding.hasCode()) {
                terminology.display(coding.getSystem(), coding.getCode()).ifPresent(coding::setDisplay);
            }
        }
    }
}
