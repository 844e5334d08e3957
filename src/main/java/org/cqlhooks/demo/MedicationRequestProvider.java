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
import org.hl7.fhir.r4.model.MedicationRequest;

/** MedicationRequest: read; search by _id, patient/subject, code, status, intent, authoredon; _include medication. */
public class MedicationRequestProvider extends StoredResourceProvider<MedicationRequest> {

    MedicationRequestProvider(ResourceStore store) {
        super(store, MedicationRequest.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "_id") TokenAndListParam ids,
            @OptionalParam(name = MedicationRequest.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = MedicationRequest.SP_SUBJECT) ReferenceParam subject,
            @OptionalParam(name = MedicationRequest.SP_CODE) TokenAndListParam code,
            @OptionalParam(name = MedicationRequest.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = MedicationRequest.SP_INTENT) TokenAndListParam intent,
            @OptionalParam(name = MedicationRequest.SP_AUTHOREDON) DateRangeParam authoredOn,
            @IncludeParam(allow = "MedicationRequest:medication") Set<Include> includes) {
        List<MedicationRequest> found = find(ids, m -> Matches.reference(patient, m.getSubject(), "Patient")
                && Matches.reference(subject, m.getSubject(), "Patient")
                && Matches.token(code, m.hasMedicationCodeableConcept() ? m.getMedicationCodeableConcept() : null)
                && Matches.token(status, m.getStatusElement())
                && Matches.token(intent, m.getIntentElement())
                && Matches.date(authoredOn, m.getAuthoredOnElement()));
        includeMedication(found, includes, m -> m.hasMedicationReference() ? m.getMedicationReference() : null);
        return bundle(found);
    }
}
