package org.cqlhooks.prefetch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * Medication orders and statements may point to a Medication resource instead of carrying a code. Where that
 * Medication is contained or present in the call's data, its code (and text) is copied into the order as
 * {@code medicationCodeableConcept}, so CQL sees one shape and value-set retrieves find the order.
 */
public final class MedicationReferences {

    private MedicationReferences() {
    }

    public static void inline(List<IBaseResource> resources) {
        Map<String, Medication> medications = new HashMap<>();
        for (IBaseResource r : resources) {
            if (r instanceof Medication m && m.getIdElement().hasIdPart()) {
                medications.put(m.getIdElement().getIdPart(), m);
            }
        }
        for (IBaseResource r : resources) {
            if (r instanceof MedicationRequest mr && mr.getMedication() instanceof Reference ref) {
                resolve(mr, ref, medications).ifPresent(mr::setMedication);
            } else if (r instanceof MedicationStatement ms && ms.getMedication() instanceof Reference ref) {
                resolve(ms, ref, medications).ifPresent(ms::setMedication);
            } else if (r instanceof MedicationDispense md && md.getMedication() instanceof Reference ref) {
                resolve(md, ref, medications).ifPresent(md::setMedication);
            } else if (r instanceof MedicationAdministration ma && ma.getMedication() instanceof Reference ref) {
                resolve(ma, ref, medications).ifPresent(ma::setMedication);
            }
        }
    }

    private static Optional<Type> resolve(DomainResource owner, Reference ref, Map<String, Medication> known) {
        String target = ref.getReference();
        Medication medication = null;
        if (target != null && target.startsWith("#")) {
            for (Resource contained : owner.getContained()) {
                if (contained instanceof Medication m && target.substring(1).equals(m.getIdElement().getIdPart())) {
                    medication = m;
                }
            }
        } else if (target != null) {
            medication = known.get(ref.getReferenceElement().getIdPart());
        }
        if (medication == null || !medication.hasCode()) {
            return Optional.empty();
        }
        CodeableConcept code = medication.getCode().copy();
        if (!code.hasText() && ref.hasDisplay()) {
            code.setText(ref.getDisplay());
        }
        return Optional.of(code);
    }
}
