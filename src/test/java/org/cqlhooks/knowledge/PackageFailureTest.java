package org.cqlhooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import org.cqlhooks.cards.EvaluationFailureCard;
import org.cqlhooks.wire.Indicator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code $apply} only notes a failing condition in its result; the server must not read that as "no finding" and
 * answers with the evaluation-failure card, naming the PlanDefinition.
 */
class PackageFailureTest {

    @TempDir
    Path folder;

    @Test
    void aConditionThatFailsOnTheCallsDataGivesTheFailureCard() throws IOException {
        Files.writeString(folder.resolve("Library-OneObservation.json"), """
                {"resourceType": "Library", "id": "OneObservation", "name": "OneObservation", "version": "1.0.0",
                 "url": "http://x.org/Library/OneObservation",
                 "content": [{"contentType": "text/cql", "data": "%s"}]}""".formatted(java.util.Base64.getEncoder()
                .encodeToString("""
                        library OneObservation version '1.0.0'
                        using FHIR version '4.0.1'
                        context Patient
                        define "The Observation": singleton from ([Observation])
                        define "Has It": "The Observation" is not null
                        """.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        Files.writeString(folder.resolve("PlanDefinition-one.json"), """
                {"resourceType": "PlanDefinition", "id": "one", "url": "http://x.org/PlanDefinition/one",
                 "type": {"coding": [{"code": "eca-rule"}]}, "status": "active",
                 "library": ["http://x.org/Library/OneObservation"],
                 "action": [{"id": "it", "title": "One observation",
                   "trigger": [{"type": "named-event", "name": "patient-view"}],
                   "condition": [{"kind": "applicability",
                     "expression": {"language": "text/cql-identifier", "expression": "Has It"}}]}]}""");
        ContentPackages packages = TestPackages.load(List.of("file:" + folder));
        PackageService service = packages.find("one").orElseThrow();
        Patient patient = new Patient();
        patient.setId("Patient/f1");

        assertThat(packages.evaluate(service, "f1", List.of(patient, observation("o1")), ZonedDateTime.now()))
                .extracting(c -> c.source().topic().code()).containsExactly("it");

        var cards = packages.evaluate(service, "f1", List.<IBaseResource>of(patient, observation("o1"),
                observation("o2")), ZonedDateTime.now());
        assertThat(cards).singleElement().satisfies(card -> {
            assertThat(card.source().topic().code()).isEqualTo(EvaluationFailureCard.CARD_ID);
            assertThat(card.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(card.summary()).contains("PlanDefinition/one");
        });
    }

    private static Observation observation(String id) {
        Observation o = new Observation();
        o.setId("Observation/" + id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setSubject(new Reference("Patient/f1"));
        return o;
    }
}
