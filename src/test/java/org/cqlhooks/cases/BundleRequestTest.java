package org.cqlhooks.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.testing.TestContent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** A patient's resources as the request an EHR holding them would send: each template answered from them. */
class BundleRequestTest {

    private static final FhirContext FHIR = TestContent.FHIR;
    private final BundleRequest requests = new BundleRequest(FHIR);

    private static Observation observation(String id, String system, String code) {
        Observation o = new Observation();
        o.setId(id);
        o.getCode().addCoding().setSystem(system).setCode(code);
        o.setSubject(new Reference("Patient/p1"));
        return o;
    }

    private static List<String> ids(IBaseResource bundle) {
        List<String> ids = new ArrayList<>();
        ((Bundle) bundle).getEntry().forEach(e -> ids.add(e.getResource().fhirType() + "/"
                + e.getResource().getIdElement().getIdPart()));
        return ids;
    }

    @Test
    void aSearchIsAnsweredByTypeAndCodeAndIncludesMedications() {
        Patient patient = new Patient();
        patient.setId("p1");
        Medication medication = new Medication();
        medication.setId("med");
        MedicationRequest order = new MedicationRequest();
        order.setId("order");
        order.setMedication(new Reference("Medication/med"));
        List<IBaseResource> resources = List.of(patient, observation("hgb", "http://loinc.org", "718-7"),
                observation("tsh", "http://loinc.org", "3016-3"), observation("bare", "http://other.org", "718-7"),
                medication, order);

        assertThat(ids(requests.answer("Observation?patient=p1&code=http%3A%2F%2Floinc.org%7C718-7&_count=1000",
                resources).orElseThrow())).containsExactly("Observation/hgb");
        assertThat(ids(requests.answer("Observation?patient=p1&code=718-7", resources).orElseThrow()))
                .as("a bare code matches it in any system").containsExactly("Observation/hgb", "Observation/bare");
        assertThat(ids(requests.answer("MedicationRequest?patient=p1&_include=MedicationRequest:medication",
                resources).orElseThrow())).containsExactly("MedicationRequest/order", "Medication/med");
        assertThat(ids(requests.answer("Patient?_id=p1", resources).orElseThrow())).containsExactly("Patient/p1");
        assertThat(requests.answer("Patient/p1", resources)).containsSame(patient);
        assertThat(requests.answer("Patient/p2", resources)).as("a read of what is not there").isEmpty();
    }

    @Test
    void theRequestCarriesTheContextAndEveryTemplateAnswered() {
        CdsService service = TestContent.catalog().find("pain-lab-panel").orElseThrow();
        Patient patient = new Patient();
        patient.setId("p1");
        ObjectNode request = requests.request(service, "p1", List.of(patient,
                observation("vitd", "http://loinc.org", "62292-8")));
        assertThat(request.get("hook").asText()).isEqualTo("patient-view");
        assertThat(request.at("/context/patientId").asText()).isEqualTo("p1");
        assertThat(request.at("/context/userId").asText()).isEqualTo(BundleRequest.USER);
        JsonNode prefetch = request.get("prefetch");
        List<String> keys = new ArrayList<>();
        prefetch.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(service.prefetch().keySet());
        assertThat(prefetch.at("/labObservations/entry/0/resource/id").asText()).isEqualTo("vitd");
    }

    @Test
    void aTransactionsUrnReferencesReadAsTypeAndId() {
        String transaction = """
                {"resourceType": "Bundle", "type": "transaction", "entry": [
                  {"fullUrl": "urn:uuid:6f1c2b0e-0000-4000-8000-000000000001",
                   "resource": {"resourceType": "Patient"}, "request": {"method": "POST", "url": "Patient"}},
                  {"fullUrl": "urn:uuid:6f1c2b0e-0000-4000-8000-000000000002",
                   "resource": {"resourceType": "Observation", "status": "final",
                     "subject": {"reference": "urn:uuid:6f1c2b0e-0000-4000-8000-000000000001"}},
                   "request": {"method": "POST", "url": "Observation"}}]}""";
        List<IBaseResource> resources = requests.entries((Bundle) FHIR.newJsonParser().parseResource(transaction));
        assertThat(BundleRequest.patient(resources, null)).isEqualTo("6f1c2b0e-0000-4000-8000-000000000001");
        assertThat(((Observation) resources.get(1)).getSubject().getReference())
                .isEqualTo("Patient/6f1c2b0e-0000-4000-8000-000000000001");
        assertThat(resources.get(1).getIdElement().getIdPart()).isEqualTo("6f1c2b0e-0000-4000-8000-000000000002");
    }

    @Test
    void withoutOneClearPatientTheBundleMustNameIt() {
        Patient a = new Patient();
        a.setId("a");
        Patient b = new Patient();
        b.setId("b");
        assertThatThrownBy(() -> BundleRequest.patient(List.of(), null)).isInstanceOf(BundleRequest.NotPossible.class)
                .hasMessage("the bundle holds no Patient resource: name the patient (--patient <id>)");
        assertThatThrownBy(() -> BundleRequest.patient(List.of(a, b), null)).hasMessage(
                "the bundle holds 2 Patients [a, b]: name one (--patient <id>)");
        assertThat(BundleRequest.patient(List.of(a, b), "b")).isEqualTo("b");
    }
}
