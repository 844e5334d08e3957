package org.cqlhooks.demo;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

/** Patient: read; search by _id (the prefetch template {@code Patient?_id=}), name, family, given, gender, birthdate. */
public class PatientProvider extends StoredResourceProvider<Patient> {

    PatientProvider(ResourceStore store) {
        super(store, Patient.class);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "_id") TokenAndListParam ids,
            @OptionalParam(name = Patient.SP_NAME) StringAndListParam name,
            @OptionalParam(name = Patient.SP_FAMILY) StringAndListParam family,
            @OptionalParam(name = Patient.SP_GIVEN) StringAndListParam given,
            @OptionalParam(name = Patient.SP_GENDER) TokenAndListParam gender,
            @OptionalParam(name = Patient.SP_BIRTHDATE) DateRangeParam birthdate,
            @OptionalParam(name = Patient.SP_IDENTIFIER) TokenAndListParam identifier) {
        return bundle(find(ids, p -> Matches.string(name, names(p, true, true))
                && Matches.string(family, names(p, true, false))
                && Matches.string(given, names(p, false, true))
                && Matches.token(gender, p.getGenderElement())
                && Matches.date(birthdate, p.getBirthDateElement())
                && Matches.token(identifier, p.getIdentifier())));
    }

    private static List<String> names(Patient patient, boolean family, boolean given) {
        List<String> names = new ArrayList<>();
        for (HumanName name : patient.getName()) {
            if (family && name.hasFamily()) {
                names.add(name.getFamily());
            }
            if (given) {
                name.getGiven().forEach(g -> names.add(g.getValue()));
            }
            if (family && given && name.hasText()) {
                names.add(name.getText());
            }
        }
        return names;
    }
}
