package org.cqlhooks.prefetch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
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
 * Medication orders, statements, dispenses and administrations may point to a Medication resource instead of carrying
 * a code. Where that Medication is contained or present in the call's data, its code, its ingredients' codes and its
 * text are copied into the record as {@code medicationCodeableConcept}, so CQL sees one shape and value-set retrieves
 * find the record.
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
        if (medication == null || (!medication.hasCode() && !medication.hasIngredient())) {
            return Optional.empty();
        }
        return Optional.of(concept(medication, ref));
    }

    /**
     * The Medication as one concept: its own codings, then each ingredient's (an ingredient-level RxCUI such as 7243
     * naltrexone or 7804 oxycodone settles what the product is even without a product code). An ingredient named only
     * in text becomes a coding with that display and no code, so the text rules read it; retrieves ignore it. The
     * text is the Medication's, else the reference's display, else the ingredient names.
     */
    private static CodeableConcept concept(Medication medication, Reference ref) {
        CodeableConcept code = medication.hasCode() ? medication.getCode().copy() : new CodeableConcept();
        List<String> ingredientNames = new ArrayList<>();
        for (Medication.MedicationIngredientComponent ingredient : medication.getIngredient()) {
            if (!(ingredient.getItem() instanceof CodeableConcept item)) {
                continue;
            }
            item.getCoding().forEach(c -> code.addCoding(c.copy()));
            if (item.hasText()) {
                code.addCoding(new Coding().setDisplay(item.getText()));
                ingredientNames.add(item.getText());
            } else {
                item.getCoding().stream().filter(Coding::hasDisplay).findFirst()
                        .ifPresent(c -> ingredientNames.add(c.getDisplay()));
            }
        }
        if (!code.hasText() && ref.hasDisplay()) {
            code.setText(ref.getDisplay());
        }
        if (!code.hasText() && !medication.hasCode() && !ingredientNames.isEmpty()) {
            code.setText(String.join(" / ", ingredientNames));
        }
        return code;
    }
}
