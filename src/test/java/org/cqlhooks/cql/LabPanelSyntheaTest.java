package org.cqlhooks.cql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.evaluation.PatientResources;
import org.cqlhooks.testing.Synthea;
import org.cqlhooks.testing.TestContent;
import org.cqlhooks.wire.Card;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * The lab panel over a real-sized record: a Synthea patient (497 Observations of other tests, 15 Conditions) with
 * one qualifying 25(OH)D result added among decoys, to show that code filtering, status, lookback, patient and
 * latest-result selection pick exactly that result.
 */
class LabPanelSyntheaTest {

    private static final ZonedDateTime T = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    private static final CdsService SERVICE = TestContent.catalog().find("pain-lab-panel").orElseThrow();

    @Test
    void hundredsOfUnrelatedObservationsGiveNoCardEvenWithEveryFunctionalCardOn() {
        List<IBaseResource> margery = Synthea.load(Synthea.MARGERY);
        assertThat(margery.stream().filter(r -> r.fhirType().equals("Observation")).count()).isGreaterThan(400);

        Evaluated result = evaluate(margery, Map.of("Enable All Functional Cards", "true"));

        assertThat(result.cards()).isEmpty();
        assertThat(result.results().get("VitaminD").value("Vitamin D")).isNull();
    }

    @Test
    void oneQualifyingVitaminDAmongHundredsOfObservationsAndDecoysIsTheOneRead() {
        List<IBaseResource> margery = new ArrayList<>(Synthea.load(Synthea.MARGERY));
        String patient = Synthea.patientId(margery);
        margery.add(vitaminD("qualifying", patient, "62292-8", "8", Observation.ObservationStatus.FINAL, 10));
        // Decoys: newer but entered in error, newer but another patient's, low but stale, and a 2-hour ESR code.
        margery.add(vitaminD("in-error", patient, "62292-8", "40", Observation.ObservationStatus.ENTEREDINERROR, 1));
        margery.add(vitaminD("other-patient", "someone-else", "1989-3", "100", Observation.ObservationStatus.FINAL, 2));
        margery.add(vitaminD("stale", patient, "14635-7", "5", Observation.ObservationStatus.FINAL, 400));
        margery.add(vitaminD("not-vitamin-d", patient, "18184-2", "90", Observation.ObservationStatus.FINAL, 1));

        Evaluated result = evaluate(margery, Map.of());

        assertThat(result.cards()).extracting(card -> card.source().topic().code()).containsExactly("VITD-IOM-LOW");
        assertThat(result.results().get("VitaminD").value("Vitamin D ng/mL")).isEqualTo(new BigDecimal("8"));
        assertThat(result.cards().get(0).detail()).contains("LOINC 62292-8")
                .doesNotContain("Observation/", "in-error", "other-patient", "stale");
        assertThat(result.cards().get(0).extension())
                .containsEntry(CompiledCard.EVIDENCE_RESOURCES_EXTENSION, List.of("Observation/qualifying"));
    }

    private static Observation vitaminD(String id, String patient, String loinc, String value,
            Observation.ObservationStatus status, int daysAgo) {
        Observation o = new Observation().setStatus(status)
                .setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", loinc, null)))
                .setSubject(new Reference("Patient/" + patient))
                .setEffective(new DateTimeType(Date.from(T.minusDays(daysAgo).toInstant())))
                .setValue(new Quantity().setValue(new BigDecimal(value)).setUnit("ng/mL")
                        .setSystem("http://unitsofmeasure.org").setCode("ng/mL"));
        o.setId(id);
        return o;
    }

    private record Evaluated(List<Card> cards, Map<String, LibraryResult> results) {
    }

    private static Evaluated evaluate(List<IBaseResource> resources, Map<String, String> parameters) {
        var evaluated = TestContent.evaluation(parameters).evaluate(SERVICE,
                new PatientResources(Synthea.patientId(resources), resources), T,
                Map.of("VitaminD", Set.of("Vitamin D", "Vitamin D ng/mL")));
        evaluated.results().forEach((lib, r) -> assertThat(r.failure()).as("library %s", lib).isNull());
        return new Evaluated(evaluated.cards(), evaluated.results());
    }
}
