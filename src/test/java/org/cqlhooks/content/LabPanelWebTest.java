package org.cqlhooks.content;

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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.catalog.LiveContent;
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
 * Lab-panel cases through the HTTP path, with the data as prefetch and fetched from a WireMock FHIR server through
 * the service's prefetch templates (one query per template, the Patient among them for the ESR age/sex limit).
 */
@SpringBootTest
@AutoConfigureMockMvc
class LabPanelWebTest {

    /** The EHR's FHIR server: started once per class, reset before each test (WireMock's JUnit 5 extension). */
    @RegisterExtension
    static final WireMockExtension fhir = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();
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
        assertThat(fhir.getAllServeEvents()).isEmpty();

        for (String template : service.prefetch().values()) {
            String type = template.replaceAll("[/?].*$", "");
            fhir.stubFor(get(urlPathEqualTo("/fhir/" + type))
                    .willReturn(okJson(Requests.json(Requests.answer(template, resources)))));
        }
        ObjectNode fetched = Requests.patientView(c.patientId());
        fetched.put("fhirServer", fhir.baseUrl() + "/fhir");
        ObjectNode auth = fetched.putObject("fhirAuthorization");
        auth.put("access_token", "lab-token");
        auth.put("token_type", "Bearer");
        auth.put("expires_in", 300);
        auth.put("scope", "user/*.read");
        auth.put("subject", "cql-hooks");
        assertThat(cardIds(fetched)).as("cards of %s fetched", c).containsExactlyInAnyOrderElementsOf(c.cards());
        assertThat(fhir.getAllServeEvents()).hasSize(service.prefetch().size());
        fhir.getAllServeEvents().forEach(e -> assertThat(e.getRequest().getUrl()).contains(c.patientId()));
    }

    private List<String> cardIds(ObjectNode request) throws Exception {
        String body = mvc.perform(post("/cds-services/pain-lab-panel").contentType(MediaType.APPLICATION_JSON)
                .content(request.toString())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> ids = new ArrayList<>();
        for (JsonNode card : Requests.JSON.readTree(body).get("cards")) {
            assertThat(card.at("/extension/org.cqlhooks.evidence").asText()).isNotBlank();
            ids.add(card.at("/source/topic/code").asText());
        }
        return ids;
    }
}
