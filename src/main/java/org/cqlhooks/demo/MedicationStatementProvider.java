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
import org.hl7.fhir.r4.model.MedicationStatement;

/** MedicationStatement: read; search by _id, patient/subject, code, status, effective; _include medication. */
public class MedicationStatementProvider extends StoredResourceProvider<MedicationStatement> {

    MedicationStatementProvider(ResourceStore store) {
        super(store, MedicationStatement.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "_id") TokenAndListParam ids,
            @OptionalParam(name = MedicationStatement.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = MedicationStatement.SP_SUBJECT) ReferenceParam subject,
            @OptionalParam(name = MedicationStatement.SP_CODE) TokenAndListParam code,
            @OptionalParam(name = MedicationStatement.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = MedicationStatement.SP_EFFECTIVE) DateRangeParam effective,
            @IncludeParam(allow = "MedicationStatement:medication") Set<Include> includes) {
        List<MedicationStatement> found = find(ids, m -> Matches.reference(patient, m.getSubject(), "Patient")
                && Matches.reference(subject, m.getSubject(), "Patient")
                && Matches.token(code, m.hasMedicationCodeableConcept() ? m.getMedicationCodeableConcept() : null)
                && Matches.token(status, m.getStatusElement())
                && Matches.date(effective, m.getEffective()));
        includeMedication(found, includes, m -> m.hasMedicationReference() ? m.getMedicationReference() : null);
        return bundle(found);
    }
}
