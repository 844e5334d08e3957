package org.cqlhooks.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.testing.CardChecks;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.ServerTest;
import org.cqlhooks.testing.StubFhirServer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Lab-panel cases through the HTTP path, with the data as prefetch and fetched from a stub FHIR server through
 * the service's prefetch templates (one query per template, the Patient among them for the ESR age/sex limit).
 */
@ServerTest
class LabPanelWebTest {

    /** The EHR's FHIR server: started once per class, reset before each test. */
    @RegisterExtension
    static final StubFhirServer fhir = new StubFhirServer();
    private static final List<String> CASES = List.of(
            "VitaminD.vitd-iom-inadeq-true-P10-29.95-nmol-is-12.00-ng-not-low",
            "Inflammation.crp-high-true-P15-hs-crp-1.1-mg-dL-is-11-mg-L",
            "Thyroid.thy-hypo-true-P23-tsh-6.2-uIU-mL-high-ft4-0.6-low-same-day",
            "Iron.ferr-rls-true-P22-G25.81-and-ferritin-75-boundary",
            "Inflammation.esr-high-true-female-50-above-30",
            "VitaminD.vitd-false-P39-latest-in-window-wins-stale-low-ignored",
            "Magnesium.mg-serum-lab-true-0.69-mmol-no-range-fallback");

    @Autowired
    MockMvc mvc;
    @Autowired
    LiveContent content;

    static Stream<ClinicalCase> cases() {
        return ClinicalCase.all().filter(c -> CASES.contains(c.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void prefetchedAndFetchedDataGiveTheCasesCards(ClinicalCase c) throws Exception {
        assertThat(c.parameters()).isEmpty();
        CdsService service = content.catalog().find("pain-lab-panel").orElseThrow();
        List<IBaseResource> resources = c.resources(ContentCasesWebTest.now());

        ObjectNode prefetched = Requests.withPrefetch(service, c.patientId(), resources);
        assertThat(cardIds(prefetched)).as("cards of %s with prefetch", c).containsExactlyInAnyOrderElementsOf(c.cards());
        assertThat(fhir.received()).isEmpty();

        fhir.answerTemplates(service.prefetch(), c.patientId(), resources);
        ObjectNode fetched = Requests.withFhirServer(Requests.patientView(c.patientId()), fhir.url(),
                StubFhirServer.TOKEN);
        assertThat(cardIds(fetched)).as("cards of %s fetched", c).containsExactlyInAnyOrderElementsOf(c.cards());
        assertThat(fhir.received()).hasSize(service.prefetch().size());
        fhir.received().forEach(e -> assertThat(e.getRequest().getUrl()).contains(c.patientId()));
    }

    private List<String> cardIds(ObjectNode request) throws Exception {
        String body = mvc.perform(post("/cds-services/pain-lab-panel").contentType(MediaType.APPLICATION_JSON)
                .content(request.toString())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode cards = Requests.JSON.readTree(body).get("cards");
        cards.forEach(card -> assertThat(card.at("/extension/org.cqlhooks.evidence").asText()).isNotBlank());
        return CardChecks.ids(cards);
    }
}
