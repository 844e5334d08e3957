package org.cqlhooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.testing.CardChecks;
import org.cqlhooks.testing.Outcomes;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.StubFhirServer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The test IG's services over HTTP, called exactly as an own service is: discovery lists them with the own ones;
 * every case answers its cards with the data as prefetch, and again fetched from a stub FHIR server through the
 * derived prefetch templates. The subclasses load the IG as a source folder and as an NPM package.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class PackageServicesWebTests {

    /** The EHR's FHIR server: started once per class, reset before each test. */
    @RegisterExtension
    static final StubFhirServer fhir = new StubFhirServer();

    @Autowired
    MockMvc mvc;
    @Autowired
    LiveContent content;

    static Stream<ClinicalCase> cases() {
        return PackageCases.all();
    }

    static ZonedDateTime now() {
        return ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    }

    @Test
    void discoveryListsThePackageServicesWithTheOwnOnes() throws Exception {
        JsonNode services = Requests.JSON.readTree(mvc.perform(org.springframework.test.web.servlet.request
                .MockMvcRequestBuilders.get("/cds-services")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).get("services");
        List<String> ids = new ArrayList<>();
        services.forEach(s -> ids.add(s.get("id").asText()));
        assertThat(ids).isSorted().contains("naltrexone-opioid-safety", "pain-lab-panel", "anemia-screening",
                "kidney-function").doesNotContain("kidney-order-sign");
        JsonNode anemia = find(services, "anemia-screening");
        assertThat(anemia.get("hook").asText()).isEqualTo("patient-view");
        assertThat(anemia.get("title").asText()).isEqualTo("Anemia screening from hemoglobin");
        assertThat(anemia.get("description").asText()).startsWith("Flags a hemoglobin below");
        assertThat(anemia.get("prefetch").get("patient").asText()).isEqualTo("Patient?_id={{context.patientId}}");
        assertThat(anemia.get("prefetch").get("observation").asText())
                .isEqualTo("Observation?patient={{context.patientId}}&code=http%3A%2F%2Floinc.org%7C20509-6,"
                        + "http%3A%2F%2Floinc.org%7C718-7");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void prefetchedCaseGivesItsCards(ClinicalCase c) throws Exception {
        CdsService service = content.catalog().find(c.service()).orElseThrow();
        ObjectNode request = Requests.withPrefetch(service, c.patientId(), c.resources(now()));

        JsonNode cards = call(service, request);

        assertCards(c, cards);
        assertThat(fhir.received()).as("nothing fetched when all is prefetched").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseFetchedFromTheFhirServerGivesItsCards(ClinicalCase c) throws Exception {
        CdsService service = content.catalog().find(c.service()).orElseThrow();
        List<IBaseResource> resources = c.resources(now());
        fhir.answerTemplates(service.prefetch(), c.patientId(), resources);
        ObjectNode request = Requests.withFhirServer(Requests.patientView(c.patientId()), fhir.url(),
                StubFhirServer.TOKEN);

        assertCards(c, call(service, request));
        assertThat(fhir.received()).as("one query per prefetch template").hasSize(service.prefetch().size());
    }

    @Test
    void aMalformedRequestToAPackageServiceIs400() throws Exception {
        ObjectNode request = Requests.patientView("an-1");
        ((ObjectNode) request.get("context")).remove("patientId");
        mvc.perform(post("/cds-services/anemia-screening").contentType(MediaType.APPLICATION_JSON)
                .content(request.toString())).andExpect(Outcomes.outcome(400, "invalid", "patientId"));
    }

    /** The answer's cards, checked as any card is: summary under 140, source, evidence label. */
    JsonNode call(CdsService service, ObjectNode request) throws Exception {
        String body = mvc.perform(post("/cds-services/" + service.id()).contentType(MediaType.APPLICATION_JSON)
                .content(request.toString())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        JsonNode cards = Requests.JSON.readTree(body).get("cards");
        cards.forEach(card -> {
            assertThat(card.get("summary").asText().length()).isLessThan(140);
            assertThat(card.at("/source/label").asText()).isNotBlank();
            assertThat(card.at("/extension/org.cqlhooks.evidence").asText()).isNotBlank();
            if (service.isPlanDefinition()) {
                assertThat(card.at("/source/topic/system").asText()).endsWith("/PlanDefinition/" + service.id());
            }
        });
        return cards;
    }

    private static void assertCards(ClinicalCase c, JsonNode cards) {
        assertThat(CardChecks.ids(cards)).as("cards of %s", c).containsExactlyInAnyOrderElementsOf(c.cards());
        for (JsonNode card : cards) {
            String id = card.at("/source/topic/code").asText();
            JsonNode expected = PackageCases.details(c, id);
            if (expected.has("summary")) {
                assertThat(card.get("summary").asText()).isEqualTo(expected.get("summary").asText());
            }
            if (expected.has("indicator")) {
                assertThat(card.get("indicator").asText()).isEqualTo(expected.get("indicator").asText());
            }
            Map<String, String> behaviours = Map.of("anemia", "at-most-one", "reduced-egfr", "any");
            if (behaviours.containsKey(id)) {
                // The suggestions reach the card (HAPI's CDS Hooks module drops them), each creating a ServiceRequest.
                assertThat(card.get("selectionBehavior").asText()).isEqualTo(behaviours.get(id));
                assertThat(card.get("suggestions")).hasSize(2);
                card.get("suggestions").forEach(s -> {
                    assertThat(s.get("label").asText()).isNotBlank();
                    assertThat(s.at("/actions/0/type").asText()).isEqualTo("create");
                    assertThat(s.at("/actions/0/resource/resourceType").asText()).isEqualTo("ServiceRequest");
                    assertThat(s.at("/actions/0/resource/subject/reference").asText())
                            .isEqualTo("Patient/" + c.patientId());
                });
            }
        }
    }

    private static JsonNode find(JsonNode services, String id) {
        for (JsonNode s : services) {
            if (s.get("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no service " + id + " in discovery");
    }
}
