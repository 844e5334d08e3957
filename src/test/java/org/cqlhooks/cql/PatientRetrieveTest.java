package org.cqlhooks.cql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.cqlhooks.testing.TestContent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.opencds.cqf.cql.engine.model.CachingModelResolverDecorator;
import org.opencds.cqf.cql.engine.runtime.Code;

class PatientRetrieveTest {

    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final String OPIOIDS =
            "http://fhir.org/guides/cdc/opioid-cds/ValueSet/opioid-analgesics-with-ambulatory-misuse-potential";

    private final List<IBaseResource> data = new ArrayList<>();
    private final PatientRetrieve retrieve;

    PatientRetrieveTest() {
        data.add(new Patient().setId("p1"));
        data.add(new Patient().setId("p2"));
        data.add(observation("both", "p1", "62292-8", "1989-3"));
        data.add(observation("other-patient", "p2", "62292-8"));
        data.add(observation("group", null, "62292-8").setSubject(new Reference("Group/p1")));
        data.add(observation("unrelated", "p1", "8302-2"));
        data.add(order("oxy", "p1", "1049621"));
        data.add(order("metformin", "p1", "860975"));
        retrieve = new PatientRetrieve(data, new CachingModelResolverDecorator(new FastR4ModelResolver(TestContent.FHIR)),
                TestContent.terminology());
    }

    private static Observation observation(String id, String patient, String... loinc) {
        Observation o = new Observation();
        o.setId(id);
        CodeableConcept code = new CodeableConcept();
        for (String c : loinc) {
            code.addCoding(new Coding("http://loinc.org", c, null));
        }
        o.setCode(code);
        if (patient != null) {
            o.setSubject(new Reference("Patient/" + patient));
        }
        return o;
    }

    private static MedicationRequest order(String id, String patient, String rxnorm) {
        MedicationRequest r = new MedicationRequest();
        r.setId(id);
        r.setMedication(new CodeableConcept().addCoding(new Coding(RXNORM, rxnorm, null)));
        r.setSubject(new Reference("Patient/" + patient));
        return r;
    }

    private List<String> ids(Iterable<Object> found) {
        List<String> ids = new ArrayList<>();
        found.forEach(r -> ids.add(((IBaseResource) r).getIdElement().getIdPart()));
        return ids;
    }

    private static Code loinc(String code) {
        return new Code().withSystem("http://loinc.org").withCode(code);
    }

    @Test
    void returnsOnlyThePatientsResourcesOfTheType() {
        assertThat(ids(retrieve.retrieve("Patient", "subject", "p1", "Observation", null, null, null, null, null, null,
                null, null))).containsExactly("both", "unrelated");
        assertThat(ids(retrieve.retrieve("Patient", "id", "p2", "Patient", null, null, null, null, null, null, null,
                null))).containsExactly("p2");
    }

    @Test
    void aResourceMatchingSeveralCodesComesBackOnce() {
        assertThat(ids(retrieve.retrieve("Patient", "subject", "p1", "Observation", null, "code",
                List.of(loinc("62292-8"), loinc("1989-3")), null, null, null, null, null))).containsExactly("both");
        assertThat(ids(retrieve.retrieve("Patient", "subject", "p1", "Observation", null, "code",
                List.of(loinc("14635-7")), null, null, null, null, null))).isEmpty();
    }

    @Test
    void filtersByValueSetThroughTheCodeIndex() {
        assertThat(ids(retrieve.retrieve("Patient", "subject", "p1", "MedicationRequest", null, "medication", null,
                OPIOIDS, null, null, null, null))).containsExactly("oxy");
    }

    @Test
    void codesMustMatchTheirSystem() {
        Code wrongSystem = new Code().withSystem("http://snomed.info/sct").withCode("62292-8");
        assertThat(ids(retrieve.retrieve("Patient", "subject", "p1", "Observation", null, "code",
                List.of(wrongSystem), null, null, null, null, null))).isEmpty();
    }
}
