package org.cqlhooks.demo;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.MedicationAdministration;

/** MedicationAdministration: read; search by _id, patient/subject, code, status; _include medication. */
public class MedicationAdministrationProvider extends StoredResourceProvider<MedicationAdministration> {

    MedicationAdministrationProvider(ResourceStore store) {
        super(store, MedicationAdministration.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "_id") TokenAndListParam ids,
            @OptionalParam(name = MedicationAdministration.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = MedicationAdministration.SP_SUBJECT) ReferenceParam subject,
            @OptionalParam(name = MedicationAdministration.SP_CODE) TokenAndListParam code,
            @OptionalParam(name = MedicationAdministration.SP_STATUS) TokenAndListParam status,
            @IncludeParam(allow = "MedicationAdministration:medication") Set<Include> includes) {
        List<MedicationAdministration> found = find(ids, m -> Matches.reference(patient, m.getSubject(), "Patient")
                && Matches.reference(subject, m.getSubject(), "Patient")
                && Matches.token(code, m.hasMedicationCodeableConcept() ? m.getMedicationCodeableConcept() : null)
                && Matches.token(status, m.getStatusElement()));
        includeMedication(found, includes, m -> m.hasMedicationReference() ? m.getMedicationReference() : null);
        return bundle(found);
    }
}
