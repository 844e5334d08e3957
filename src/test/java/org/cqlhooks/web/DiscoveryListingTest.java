package org.cqlhooks.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.testing.CardChecks;
import org.cqlhooks.testing.ContentCopies;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.ServerTest;
import org.cqlhooks.testing.TestContent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Discovery offers services that do not overlap: a client that calls every patient-view service it lists (the CDS
 * Hooks sandbox does) sees each finding once. The all-in-one service is left out by default, stays callable, and is
 * listed with {@code cds.discovery.list-all-in-one=true}.
 */
@ServerTest
class DiscoveryListingTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    /** Cases that between them fire cards of every family. */
    private static final List<String> RICH = List.of("NaltrexoneOpioidSafety.ntx-opioid-and-uds-true-both-fire",
            "lab-all-cards-one-patient-each-card-once", "FibromyalgiaCriteria.fm-2016-met-true-P01-boundary-wpi7-sss5-regions4",
            "MecfsSafety.mecfs-pem-true-P37-with-fibromyalgia", "CentralSensitization.csi-pos-true-P07-csi40-boundary");

    @LocalServerPort
    int port;
    @Autowired
    LiveContent content;

    @Test
    void callingEveryListedServiceShowsEachFindingOnceAndTheAllInOneStaysCallable() throws Exception {
        JsonNode discovery = Requests.JSON.readTree(send("GET", "/cds-services", null).body());
        List<String> listed = new ArrayList<>();
        discovery.get("services").forEach(s -> listed.add(s.get("id").asText()));
        assertThat(listed).containsExactly("fibromyalgia-workup", "naltrexone-opioid-safety", "pain-lab-panel");

        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        List<String> seen = new ArrayList<>();
        for (String name : RICH) {
            ClinicalCase c = ClinicalCase.all().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            List<IBaseResource> resources = c.resources(now);
            List<String> thisPatient = new ArrayList<>();
            for (String id : listed) {
                thisPatient.addAll(cardIds(id, c.patientId(), resources));
            }
            assertThat(thisPatient).as("%s: each card from one listed service only", name).doesNotHaveDuplicates();
            assertThat(new HashSet<>(cardIds("pain-cds-all", c.patientId(), resources)))
                    .as("%s: the all-in-one, called by its URL, says the same", name)
                    .isEqualTo(new HashSet<>(thisPatient));
            seen.addAll(thisPatient);
        }
        assertThat(new HashSet<>(seen)).as("the cases fire cards of every family")
                .contains("NTX-OPIOID", "VITD-HIGH", "FM-2016-MET", "MECFS-PEM", "CSI-POS");
    }

    @Test
    void theAllInOneIsListedWhenTheSiteAsksForIt() {
        List<String> ids = new DiscoveryController(TestContent.live(), new DiscoveryProperties(true)).discovery()
                .services().stream().map(DiscoveryController.ServiceDescriptor::id).toList();
        assertThat(ids).containsExactly("fibromyalgia-workup", "naltrexone-opioid-safety", "pain-cds-all",
                "pain-lab-panel");
        List<String> byDefault = new DiscoveryController(TestContent.live(), new DiscoveryProperties(false))
                .discovery().services().stream().map(DiscoveryController.ServiceDescriptor::id).toList();
        assertThat(byDefault).doesNotContain("pain-cds-all");
    }

    @Test
    void discoveryShowsTheTemplatesDerivedForAServiceWithoutPrefetch() {
        LiveContent authoring = new LiveContent(TestContent.sources(ContentCopies.AUTHORING_ON_CLASSPATH));
        DiscoveryController.ServiceDescriptor anemia = new DiscoveryController(authoring,
                new DiscoveryProperties(false)).discovery().services().stream()
                .filter(s -> s.id().equals("anemia-workup")).findFirst().orElseThrow();
        assertThat(anemia.prefetch()).containsOnlyKeys("patient", "condition", "observation")
                .containsEntry("observation",
                        "Observation?patient={{context.patientId}}&code=http%3A%2F%2Floinc.org%7C718-7&_count=1000");
    }

    @Test
    void theListedServicesShareNoCardId() {
        Set<String> cards = new HashSet<>();
        for (CdsService service : content.catalog().all()) {
            if (!service.definition().isComposite()) {
                service.cards().forEach(card -> assertThat(cards.add(card.id())).as(card.id()).isTrue());
            }
        }
        assertThat(cards).hasSizeGreaterThanOrEqualTo(30);
    }

    private List<String> cardIds(String serviceId, String patientId, List<IBaseResource> resources) throws Exception {
        ObjectNode request = Requests.withPrefetch(content.catalog().find(serviceId).orElseThrow(), patientId, resources);
        HttpResponse<String> response = send("POST", "/cds-services/" + serviceId, request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return CardChecks.ids(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
