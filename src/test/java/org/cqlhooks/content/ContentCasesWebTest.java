package org.cqlhooks.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.catalog.ServiceCatalog;
import org.cqlhooks.testing.CardChecks;
import org.cqlhooks.cases.ClinicalCase;
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
 * Every clinical case of the content services (fibromyalgia-workup, naltrexone-opioid-safety, pain-lab-panel) through
 * the HTTP path: once with the patient's data as prefetch, once without prefetch, fetched from a stub FHIR server
 * that answers each prefetch query. Both must give exactly the case's expected cards, each readable (no resource id in
 * its text), labelled with one of the README's evidence labels, and listing in its evidence extension only records of the call.
 * Cases that set site parameters run in {@link SiteParametersWebTest}, whose server is configured with them.
 */
@ServerTest
class ContentCasesWebTest {

    static final List<String> SERVICES = List.of("fibromyalgia-workup", "naltrexone-opioid-safety", "pain-lab-panel");
    /** The EHR's FHIR server: started once per class, reset before each test. */
    @RegisterExtension
    static final StubFhirServer fhir = new StubFhirServer();

    @Autowired
    MockMvc mvc;
    @Autowired
    LiveContent content;

    static Stream<ClinicalCase> casesWithParameters(Map<String, String> site) {
        return ClinicalCase.all().filter(c -> SERVICES.contains(c.service()))
                .filter(c -> c.parameters().equals(site));
    }

    static Stream<ClinicalCase> defaultCases() {
        return casesWithParameters(Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaultCases")
    void prefetchedCaseGivesTheExpectedCards(ClinicalCase c) throws Exception {
        assertPrefetchedCase(mvc, content.catalog(), fhir, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaultCases")
    void caseFetchedFromTheFhirServerGivesTheExpectedCards(ClinicalCase c) throws Exception {
        assertFetchedCase(mvc, content.catalog(), fhir, c);
    }

    static ZonedDateTime now() {
        return ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    }

    static void assertPrefetchedCase(MockMvc mvc, ServiceCatalog catalog, StubFhirServer fhir, ClinicalCase c)
            throws Exception {
        CdsService service = catalog.find(c.service()).orElseThrow();
        List<IBaseResource> resources = c.resources(now());
        ObjectNode request = Requests.withPrefetch(service, c.patientId(), resources);
        assertThat(cardIds(mvc, service, request, c, resources)).as("cards of %s with prefetch", c)
                .containsExactlyInAnyOrderElementsOf(c.cards());
        assertThat(fhir.received()).as("nothing fetched when all is prefetched").isEmpty();
    }

    static void assertFetchedCase(MockMvc mvc, ServiceCatalog catalog, StubFhirServer fhir, ClinicalCase c)
            throws Exception {
        CdsService service = catalog.find(c.service()).orElseThrow();
        List<IBaseResource> resources = c.resources(now());
        // A search by patient, or (the lab panel's Patient) by _id, with the request's token.
        fhir.answerTemplates(service.prefetch(), c.patientId(), resources);
        ObjectNode request = Requests.withFhirServer(Requests.patientView(c.patientId()), fhir.url(),
                StubFhirServer.TOKEN);
        assertThat(cardIds(mvc, service, request, c, resources)).as("cards of %s fetched from the FHIR server", c)
                .containsExactlyInAnyOrderElementsOf(c.cards());
        assertThat(fhir.received()).as("one query per prefetch template").hasSize(service.prefetch().size());
    }

    /** The card IDs of the answer, each card checked as every content card is, its evidence as the case expects. */
    private static List<String> cardIds(MockMvc mvc, CdsService service, ObjectNode request, ClinicalCase c,
            List<IBaseResource> resources) throws Exception {
        String body = mvc.perform(post("/cds-services/" + service.id()).contentType(MediaType.APPLICATION_JSON)
                .content(request.toString())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode cards = Requests.JSON.readTree(body).get("cards");
        List<String> ids = CardChecks.assertContentCards(c.toString(), cards, CardChecks.records(resources));
        for (JsonNode card : cards) {
            String what = c + " " + card.at("/source/topic/code").asText();
            c.expected().path("evidenceContains").path(card.at("/source/topic/code").asText())
                    .forEach(ref -> assertThat(CardChecks.evidence(card)).as("evidence of %s", what)
                            .contains(ref.asText()));
        }
        return ids;
    }
}
