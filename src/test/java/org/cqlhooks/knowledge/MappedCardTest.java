package org.cqlhooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.wire.Card;
import org.cqlhooks.wire.Indicator;
import org.cqlhooks.wire.SelectionBehavior;
import org.junit.jupiter.api.Test;

/** One card of the test IG, field by field, as the CPG/CDS Hooks mapping gives it. */
class MappedCardTest {

    @Test
    void theAnemiaActionBecomesThisCard() {
        ClinicalCase c = PackageCases.all().filter(x -> x.name().equals("anemia-true-female-10.5-below-12"))
                .findFirst().orElseThrow();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        ContentPackages packages = TestPackages.folder();

        List<Card> cards = packages.evaluate(packages.find("anemia-screening").orElseThrow(), c.patientId(),
                c.resources(now), now);

        assertThat(cards).singleElement().satisfies(card -> {
            assertThat(card.summary()).as("dynamic title").isEqualTo(
                    "Hemoglobin 10.5 g/dL: below the WHO anemia threshold of 12.0 g/dL");
            assertThat(card.detail()).as("dynamic description, then evidence and source")
                    .startsWith("Latest hemoglobin of the last 6 months: **10.5 g/dL** on " + now.minusDays(10)
                            .toLocalDate() + " (Observation/hb).")
                    .endsWith("Evidence: **Strong recommendation; Moderate quality evidence**. Source: [Lab Safety "
                            + "Test IG](https://www.who.int/publications/i/item/9789240088542).");
            assertThat(card.indicator()).as("priority urgent").isEqualTo(Indicator.WARNING);
            assertThat(card.source().label()).as("publisher").isEqualTo("Lab Safety Test IG");
            assertThat(card.source().url()).as("relatedArtifact")
                    .isEqualTo("https://www.who.int/publications/i/item/9789240088542");
            assertThat(card.source().topic().system())
                    .isEqualTo("http://example.org/fhir/lab-safety/PlanDefinition/anemia-screening");
            assertThat(card.source().topic().code()).isEqualTo("anemia");
            assertThat(card.source().topic().display()).isEqualTo("Hemoglobin below the WHO anemia threshold");
            assertThat(card.links()).as("documentation").singleElement().satisfies(link -> {
                assertThat(link.label()).isEqualTo("WHO haemoglobin cutoffs (2024)");
                assertThat(link.url()).isEqualTo("https://www.who.int/publications/i/item/9789240088542");
                assertThat(link.type()).isEqualTo("absolute");
            });
            assertThat(card.extension()).containsEntry(CompiledCard.EVIDENCE_EXTENSION,
                    "Strong recommendation; Moderate quality evidence");
            assertThat(card.selectionBehavior()).isEqualTo(SelectionBehavior.AT_MOST_ONE);
            assertThat(card.suggestions()).extracting(s -> s.label())
                    .containsExactly("Order a serum ferritin", "Order a reticulocyte count");
            assertThat(card.suggestions().get(0).actions()).singleElement().satisfies(action -> {
                assertThat(action.type()).isEqualTo("create");
                assertThat(action.description()).isEqualTo("Iron stores: ferritin (LOINC 2276-4).");
                assertThat(action.resource().get("resourceType").asText()).isEqualTo("ServiceRequest");
                assertThat(action.resource().at("/code/coding/0/code").asText()).isEqualTo("2276-4");
                assertThat(action.resource().at("/intent").asText()).isEqualTo("proposal");
                assertThat(action.resource().at("/subject/reference").asText()).isEqualTo("Patient/an-1");
                assertThat(action.resource().at("/instantiatesCanonical/0").asText())
                        .startsWith("http://example.org/fhir/lab-safety/ActivityDefinition/order-ferritin");
            });
        });
    }
}
