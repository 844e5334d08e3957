package org.cqlhooks.demo;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import org.hl7.fhir.r4.model.Condition;

/** Condition: read; search by _id, patient/subject, code, category, clinical-status, onset-date, recorded-date. */
public class ConditionProvider extends StoredResourceProvider<Condition> {

    ConditionProvider(ResourceStore store) {
        super(store, Condition.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "_id") TokenAndListParam ids,
            @OptionalParam(name = Condition.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = Condition.SP_SUBJECT) ReferenceParam subject,
            @OptionalParam(name = Condition.SP_CODE) TokenAndListParam code,
            @OptionalParam(name = Condition.SP_CATEGORY) TokenAndListParam category,
            @OptionalParam(name = Condition.SP_CLINICAL_STATUS) TokenAndListParam clinicalStatus,
            @OptionalParam(name = Condition.SP_ONSET_DATE) DateRangeParam onset,
            @OptionalParam(name = Condition.SP_RECORDED_DATE) DateRangeParam recorded) {
        return bundle(find(ids, c -> Matches.reference(patient, c.getSubject(), "Patient")
                && Matches.reference(subject, c.getSubject(), "Patient")
                && Matches.token(code, c.getCode())
                && Matches.token(category, c.getCategory())
                && Matches.token(clinicalStatus, c.getClinicalStatus())
                && Matches.date(onset, c.getOnset())
                && Matches.date(recorded, c.getRecordedDateElement())));
    }
}
