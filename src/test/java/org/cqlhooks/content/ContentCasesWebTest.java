package org.cqlhooks.content;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.catalog.ServiceCatalog;
import org.cqlhooks.testing.CardChecks;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.testing.Requests;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every clinical case of the content services (fibromyalgia-workup, naltrexone-opioid-safety, pain-lab-panel) through
 * the HTTP path: once with the patient's data as prefetch, once without prefetch, fetched from a WireMock FHIR server
 * that answers each prefetch query. Both must give exactly the case's expected cards, each readable (no resource id in
 * its text), labelled with one of the README's evidence labels, and listing in its evidence extension only records of the call.
 * Cases that set site parameters run in {@link SiteParametersWebTest}, whose server is configured with them.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ContentCasesWebTest {

    static final List<String> SERVICES = List.of("fibromyalgia-workup", "naltrexone-opioid-safety", "pain-lab-panel");
    static final String TOKEN = "content-token";
    /** The EHR's FHIR server: started once per class, reset before each test (WireMock's JUnit 5 extension). */
    @RegisterExtension
    static final WireMockExtension fhir = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

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

    static void assertPrefetchedCase(MockMvc mvc, ServiceCatalog catalog, WireMockExtension fhir, ClinicalCase c) throws Exception {
        CdsService service = catalog.find(c.service()).orElseThrow();
        List<IBaseResource> resources = c.resources(now());
        ObjectNode request = Requests.withPrefetch(service, c.patientId(), resources);
        assertThat(cardIds(mvc, service, request, c, resources)).as("cards of %s with prefetch", c)
                .containsExactlyInAnyOrderElementsOf(c.cards());
        assertThat(fhir.getAllServeEvents()).as("nothing fetched when all is prefetched").isEmpty();
    }

    static void assertFetchedCase(MockMvc mvc, ServiceCatalog catalog, WireMockExtension fhir, ClinicalCase c) throws Exception {
        CdsService service = catalog.find(c.service()).orElseThrow();
        List<IBaseResource> resources = c.resources(now());
        for (String template : service.prefetch().values()) {
            String type = template.replaceAll("[/?].*$", "");
            // A search by patient, or (the lab panel's Patient) by _id.
            String byPatient = template.contains("_id=") ? "_id" : "patient";
            fhir.stubFor(get(urlPathEqualTo("/fhir/" + type)).withQueryParam(byPatient, equalTo(c.patientId()))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .willReturn(okJson(Requests.json(Requests.answer(template, resources)))));
        }
        ObjectNode request = Requests.patientView(c.patientId());
        request.put("fhirServer", fhir.baseUrl() + "/fhir");
        ObjectNode auth = request.putObject("fhirAuthorization");
        auth.put("access_token", TOKEN);
        auth.put("token_type", "Bearer");
        auth.put("expires_in", 300);
        auth.put("scope", "user/*.read");
        auth.put("subject", "cql-hooks");
        assertThat(cardIds(mvc, service, request, c, resources)).as("cards of %s fetched from the FHIR server", c)
                .containsExactlyInAnyOrderElementsOf(c.cards());
        assertThat(fhir.getAllServeEvents()).as("one query per prefetch template").hasSize(service.prefetch().size());
    }

    private static List<String> cardIds(MockMvc mvc, CdsService service, ObjectNode request, ClinicalCase c,
            List<IBaseResource> resources) throws Exception {
        String body = mvc.perform(post("/cds-services/" + service.id()).contentType(MediaType.APPLICATION_JSON)
                .content(request.toString())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode cards = Requests.JSON.readTree(body).get("cards");
        Set<String> records = new HashSet<>();
        resources.forEach(r -> records.add(r.fhirType() + "/" + r.getIdElement().getIdPart()));
        List<String> ids = new ArrayList<>();
        cards.forEach(card -> {
            assertThat(card.get("summary").asText().length()).isLessThan(140);
            assertThat(card.at("/source/label").asText()).isNotBlank();
            String what = c + " " + card.at("/source/topic/code").asText();
            CardChecks.assertReadable(what, card.get("summary").asText(), card.get("detail").asText(),
                    card.at("/extension/org.cqlhooks.evidence").asText(), card.at("/source/label").asText());
            List<String> evidence = new ArrayList<>();
            card.at("/extension/org.cqlhooks.evidence-resources").forEach(ref -> evidence.add(ref.asText()));
            CardChecks.assertReferencesRecords(what, evidence, records);
            c.expected().path("evidenceContains").path(card.at("/source/topic/code").asText())
                    .forEach(ref -> assertThat(evidence).as("evidence of %s", what).contains(ref.asText()));
            ids.add(card.at("/source/topic/code").asText());
        });
        return ids;
    }
}
