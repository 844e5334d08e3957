package org.cqlhooks.demo;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import org.hl7.fhir.r4.model.Observation;

/** Observation: read; search by _id, patient/subject, code, category, status and date (effective[x]). */
public class ObservationProvider extends StoredResourceProvider<Observation> {

    ObservationProvider(ResourceStore store) {
        super(store, Observation.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "_id") TokenAndListParam ids,
            @OptionalParam(name = Observation.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = Observation.SP_SUBJECT) ReferenceParam subject,
            @OptionalParam(name = Observation.SP_CODE) TokenAndListParam code,
            @OptionalParam(name = Observation.SP_CATEGORY) TokenAndListParam category,
            @OptionalParam(name = Observation.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = Observation.SP_DATE) DateRangeParam date) {
        return bundle(find(ids, o -> Matches.reference(patient, o.getSubject(), "Patient")
                && Matches.reference(subject, o.getSubject(), "Patient")
                && Matches.token(code, o.getCode())
                && Matches.token(category, o.getCategory())
                && Matches.token(status, o.getStatusElement())
                && Matches.date(date, o.getEffective())));
    }
}
