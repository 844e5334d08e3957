package org.cqlhooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.testing.Requests;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * The test IG as a source folder and the FERR-LOW PlanDefinition as a folder of plain FHIR JSON, over HTTP; the
 * re-expressed FERR-LOW gives the own pain-lab-panel service's card over HTTP too.
 */
@TestPropertySource(properties = {"cds.content.packages[0]=" + TestPackages.IG_LOCATION,
    "cds.content.packages[1]=" + TestPackages.FERRITIN_LOCATION})
class FolderPackageWebTest extends PackageServicesWebTests {

    @Autowired
    MeterRegistry meters;

    @Test
    void feedbackOnAPackageCardAcceptsOneOfItsSuggestions() throws Exception {
        JsonNode card = anemiaCard();
        String feedback = """
                {"feedback": [{"card": "%s", "outcome": "accepted", "acceptedSuggestions": [{"id": "%s"}],
                  "outcomeTimestamp": "%s"}]}""".formatted(card.get("uuid").asText(),
                card.at("/suggestions/0/uuid").asText(), java.time.Instant.now());

        double before = accepted();

        mvc.perform(post("/cds-services/anemia-screening/feedback").contentType(MediaType.APPLICATION_JSON)
                .content(feedback)).andExpect(status().isOk());

        assertThat(accepted()).as("feedback counted for the package service").isEqualTo(before + 1);
    }

    @Test
    void aPackageCardOffersTheSiteOverrideReasonsAndFeedbackMayNameOnlyThose() throws Exception {
        JsonNode card = anemiaCard();
        String reasons = "http://cqlhooks.org/fhir/CodeSystem/override-reason";

        // application.yml's cds.cards.override-reasons, display included, as on an own card without reasons of its own
        assertThat(card.get("overrideReasons")).extracting(r -> r.get("code").asText()).containsExactly(
                "already-addressed", "not-applicable", "record-inaccurate", "clinical-judgement", "patient-declined");
        assertThat(card.at("/overrideReasons/1/display").asText()).isEqualTo("Does not apply to this patient");
        assertThat(card.at("/overrideReasons/1/system").asText()).isEqualTo(reasons);

        String overridden = """
                {"feedback": [{"card": "%s", "outcome": "overridden", "outcomeTimestamp": "%s",
                  "overrideReason": {"reason": {"system": "%s", "code": "%s"}}}]}""";
        double before = meters.counter("cds.feedback", "service", "anemia-screening", "outcome", "overridden")
                .count();
        mvc.perform(post("/cds-services/anemia-screening/feedback").contentType(MediaType.APPLICATION_JSON)
                .content(overridden.formatted(card.get("uuid").asText(), java.time.Instant.now(), reasons,
                        "not-applicable"))).andExpect(status().isOk());
        String refused = mvc.perform(post("/cds-services/anemia-screening/feedback")
                .contentType(MediaType.APPLICATION_JSON).content(overridden.formatted(card.get("uuid").asText(),
                        java.time.Instant.now(), reasons, "too-busy"))).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();

        assertThat(meters.counter("cds.feedback", "service", "anemia-screening", "outcome", "overridden").count())
                .isEqualTo(before + 1);
        assertThat(refused).contains("feedback[0].overrideReason.reason")
                .contains("not one of the override reasons card").contains(reasons + "|clinical-judgement");
    }

    /** The anemia-screening PlanDefinition's card for a woman with haemoglobin 10.5 g/dL. */
    private JsonNode anemiaCard() throws Exception {
        ClinicalCase c = PackageCases.all().filter(x -> x.name().equals("anemia-true-female-10.5-below-12"))
                .findFirst().orElseThrow();
        var service = content.catalog().find("anemia-screening").orElseThrow();
        return call(service, Requests.withPrefetch(service, c.patientId(), c.resources(now()))).get(0);
    }

    private double accepted() {
        return meters.counter("cds.feedback", "service", "anemia-screening", "outcome", "accepted").count();
    }

    @Test
    void ferritinPlanDefinitionAnswersAsTheOwnCard() throws Exception {
        ClinicalCase c = ClinicalCase.all().filter(x -> x.name().equals("Iron.ferr-low-true-14.99-ug-L")).findFirst()
                .orElseThrow();
        var own = content.catalog().find("pain-lab-panel").orElseThrow();
        var plan = content.catalog().find("ferritin-low").orElseThrow();
        JsonNode ownCard = null;
        for (JsonNode card : call(own, Requests.withPrefetch(own, c.patientId(), c.resources(now())))) {
            if (card.at("/source/topic/code").asText().equals("FERR-LOW")) {
                ownCard = card;
            }
        }
        JsonNode planCards = call(plan, Requests.withPrefetch(plan, c.patientId(), c.resources(now())));

        assertThat(ownCard).isNotNull();
        assertThat(planCards).hasSize(1);
        assertThat(planCards.get(0).get("summary")).isEqualTo(ownCard.get("summary"));
        assertThat(planCards.get(0).get("indicator")).isEqualTo(ownCard.get("indicator"));
        assertThat(planCards.get(0).at("/source/url")).isEqualTo(ownCard.at("/source/url"));
        assertThat(planCards.get(0).at("/source/topic/code").asText()).isEqualTo("FERR-LOW");
    }
}
