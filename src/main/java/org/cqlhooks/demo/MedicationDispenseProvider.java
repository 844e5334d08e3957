package org.cqlhooks.demo;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.MedicationDispense;

/** MedicationDispense: read; search by _id, patient/subject, code, status, whenhandedover; _include medication. */
public class MedicationDispenseProvider extends StoredResourceProvider<MedicationDispense> {

    MedicationDispenseProvider(ResourceStore store) {
        super(store, MedicationDispense.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "_id") TokenAndListParam ids,
            @OptionalParam(name = MedicationDispense.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = MedicationDispense.SP_SUBJECT) ReferenceParam subject,
            @OptionalParam(name = MedicationDispense.SP_CODE) TokenAndListParam code,
            @OptionalParam(name = MedicationDispense.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = MedicationDispense.SP_WHENHANDEDOVER) DateRangeParam handedOver,
            @IncludeParam(allow = "MedicationDispense:medication") Set<Include> includes) {
        List<MedicationDispense> found = find(ids, m -> Matches.reference(patient, m.getSubject(), "Patient")
                && Matches.reference(subject, m.getSubject(), "Patient")
                && Matches.token(code, m.hasMedicationCodeableConcept() ? m.getMedicationCodeableConcept() : null)
                && Matches.token(status, m.getStatusElement())
                && Matches.date(handedOver, m.getWhenHandedOverElement()));
        includeMedication(found, includes, m -> m.hasMedicationReference() ? m.getMedicationReference() : null);
        return bundle(found);
    }
}
